package io.lwm2mbridge.objects.ddf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.Operations;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import io.lwm2mbridge.objects.TestDdf;
import java.util.List;
import org.junit.jupiter.api.Test;

class DdfWriterTest {

    @Test
    void written_object_parses_back_to_an_equal_record() {
        ObjectDefinition device = TestDdf.definition(TestDdf.device());

        assertThat(TestDdf.definition(DdfWriter.toXml(device))).isEqualTo(device);
    }

    @Test
    void texts_needing_escapes_survive_the_round_trip() {
        ObjectDefinition tricky = new ObjectDefinition(40000, "A & B <c>", "line one\r\nline \"two\" ]]> 'x'\ttab",
                "1.10", "1.2", "urn:oma:lwm2m:x:40000", false, true, List.of(
                        new ResourceDefinition(7, "Go", Operations.E, false, false, ResourceType.NONE, "", "", ""),
                        new ResourceDefinition(2, "Ünits – °C", Operations.NONE, true, true, ResourceType.CORELNK,
                                "0..<10 & >1", "°C", "")));

        String xml = DdfWriter.toXml(tricky);

        assertThat(TestDdf.definition(xml)).isEqualTo(tricky);
        assertThat(xml).contains("<Type></Type>").contains("<Operations></Operations>");
    }

    @Test
    void several_objects_go_into_one_document() {
        List<ObjectDefinition> objects = TestDdf.definitions(TestDdf.document(
                TestDdf.objectElement(1, "One", "1.0"), TestDdf.objectElement(2, "Two", "2.0")));

        assertThat(TestDdf.definitions(DdfWriter.toXml(objects))).isEqualTo(objects);
    }

    @Test
    void control_characters_cannot_be_written() {
        ObjectDefinition bad = new ObjectDefinition(1, "bell\u0007", "", null, null, null, false, false, List.of());

        assertThatThrownBy(() -> DdfWriter.toXml(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0007");
    }
}
