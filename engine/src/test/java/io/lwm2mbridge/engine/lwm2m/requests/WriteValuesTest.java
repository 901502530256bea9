package io.lwm2mbridge.engine.lwm2m.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.engine.lwm2m.LeshanModels;
import io.lwm2mbridge.engine.testing.TestObject;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.ResourceType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.util.datatype.ULong;
import org.junit.jupiter.api.Test;

/** How script values become typed Leshan nodes, and what is refused before anything is sent. */
class WriteValuesTest {

    private final WriteValues values;

    WriteValuesTest() {
        ObjectRegistry registry = new ObjectRegistry(LeshanModels.builtIns());
        registry.putCustom(List.of(LeshanModels.toDefinition(TestObject.MODEL)));
        values = new WriteValues(registry);
    }

    private Object converted(int resourceId, Object value) throws ValueException {
        LwM2mNode node = values.node(null, new LwM2mPath(33000, 0, resourceId), value, "tlv");
        return ((LwM2mResource) node).getValue();
    }

    @Test
    void each_type_takes_its_natural_spellings() throws ValueException {
        assertThat(converted(0, "text")).isEqualTo("text");
        assertThat(converted(0, 12)).isEqualTo("12");
        assertThat(converted(1, 12)).isEqualTo(12L);
        assertThat(converted(1, "-12")).isEqualTo(-12L);
        assertThat(converted(1, 3.0)).isEqualTo(3L);
        assertThat(converted(2, new BigInteger("18446744073709551615"))).isEqualTo(ULong.valueOf("18446744073709551615"));
        assertThat(converted(3, 1)).isEqualTo(1.0);
        assertThat(converted(3, "2.5")).isEqualTo(2.5);
        assertThat(converted(4, true)).isEqualTo(true);
        assertThat(converted(4, 0)).isEqualTo(false);
        assertThat(converted(4, "1")).isEqualTo(true);
        Date may = Date.from(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(converted(5, "2024-05-01T10:00:00Z")).isEqualTo(may);
        assertThat(converted(5, "2024-05-01T12:00:00+02:00")).isEqualTo(may);
        assertThat(converted(5, 1714557600)).isEqualTo(may);
        assertThat(converted(5, 1714557600000L)).isEqualTo(may);
        assertThat((byte[]) converted(6, "cafe")).containsExactly(0xca, 0xfe);
        assertThat((byte[]) converted(6, "0xCAFE")).containsExactly(0xca, 0xfe);
        assertThat((byte[]) converted(6, new byte[] {1})).containsExactly(1);
        assertThat((byte[]) converted(6, "")).isEmpty();
        assertThat(converted(7, "3:0")).isEqualTo(new ObjectLink(3, 0));
    }

    @Test
    void values_that_do_not_fit_name_the_path_and_the_type() {
        assertThatThrownBy(() -> converted(1, true)).hasMessage("value for 33000/0/1 must be an Integer, not true");
        assertThatThrownBy(() -> converted(1, 99999999999999999999.0)).hasMessageContaining("Integer");
        assertThatThrownBy(() -> converted(2, -1)).hasMessage("value for 33000/0/2 must be an Unsigned Integer, not -1");
        assertThatThrownBy(() -> converted(3, "NaN")).hasMessageContaining("33000/0/3").hasMessageContaining("Float");
        assertThatThrownBy(() -> converted(4, 2)).hasMessageContaining("Boolean");
        assertThatThrownBy(() -> converted(5, "next tuesday")).hasMessageContaining("Time (ISO-8601 text or epoch seconds)");
        assertThatThrownBy(() -> converted(6, "abc")).hasMessageContaining("Opaque");
        assertThatThrownBy(() -> converted(7, "3:70000")).hasMessageContaining("Objlnk");
        assertThatThrownBy(() -> converted(0, Map.of("a", 1))).hasMessage("value for 33000/0/0 must be a String, not an object");
        assertThatThrownBy(() -> converted(8, "x")).hasMessageContaining("executable");
        assertThatThrownBy(() -> converted(99, "x")).hasMessage("tlv: resource definition not found: 33000/0/99");
    }

    @Test
    void multiple_resources_instances_and_undefined_objects() throws ValueException {
        LwM2mResource levels = (LwM2mResource) values.node(null, new LwM2mPath(33000, 0, 10), List.of(4, 5), "tlv");
        assertThat(levels.isMultiInstances()).isTrue();
        assertThat(levels.getInstance(1).getValue()).isEqualTo(5L);
        LwM2mResourceInstance one = (LwM2mResourceInstance) values.node(null, new LwM2mPath(33000, 0, 10, 3), "7", "tlv");
        assertThat(one.getValue()).isEqualTo(7L);
        assertThatThrownBy(() -> values.node(null, new LwM2mPath(33000, 0, 1, 0), 1, "tlv"))
                .hasMessage("33000/0/1 is a single resource; it has no instance 0");

        LwM2mObjectInstance inst = (LwM2mObjectInstance) values.node(null, new LwM2mPath(33000, 2),
                Map.of("count", 3, "0", "zero", "ratio_3", 0.5), "tlv");
        assertThat(inst.getId()).isEqualTo(2);
        assertThat(inst.getResource(1).getValue()).isEqualTo(3L);
        assertThat(inst.getResource(3).getValue()).isEqualTo(0.5);
        assertThatThrownBy(() -> values.node(null, new LwM2mPath(33000, 2), Map.of("colour", 1), "tlv"))
                .hasMessage("object 33000 has no resource 'colour'");
        assertThatThrownBy(() -> values.node(null, new LwM2mPath(33000, 2), "flat", "tlv"))
                .hasMessageContaining("needs an object of resource values");

        // nobody defined object 40000: the values say what they are
        LwM2mObjectInstance free = (LwM2mObjectInstance) values.node(null, new LwM2mPath(40000, 0),
                Map.of("1", "s", "2", 3, "3", 1.5, "4", false), "tlv");
        assertThat(free.getResource(1).getType()).isEqualTo(ResourceModel.Type.STRING);
        assertThat(free.getResource(2).getType()).isEqualTo(ResourceModel.Type.INTEGER);
        assertThat(free.getResource(3).getType()).isEqualTo(ResourceModel.Type.FLOAT);
        assertThat(free.getResource(4).getType()).isEqualTo(ResourceModel.Type.BOOLEAN);
        assertThat(ResourceValues.leshanType(ResourceType.CORELNK)).isEqualTo(ResourceModel.Type.CORELINK);
    }
}
