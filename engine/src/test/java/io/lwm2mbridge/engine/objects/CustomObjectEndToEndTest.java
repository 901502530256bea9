package io.lwm2mbridge.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.lwm2m.json.ObjectTrees;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.triggers.json.RunLogJson;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Leshan client exposing objects the server knows only from XML uploaded over the API: triggers
 * read them with names from that XML, a re-upload renames at once, and an object nobody defined still
 * decodes with numeric keys.
 */
class CustomObjectEndToEndTest {

    private static final int WIDGET = 33001;
    private static final int UNDEFINED = 33002;
    private static final String READ_SCRIPT = """
            var ep = event.endpoint.key;
            var s = lwm2m.read(ep, '33001/0', {async: false, translateIds: 'strings'});
            var c = lwm2m.read(ep, ['33001/0'], {async: false, translateIds: 'combined'});
            log.info('widget', {strings: s, combined: c, def: lwm2m.getObjectDef(33001).resources[1].name});
            """;

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestDevice device;

    /** The device's own copy of the definitions, parsed by Leshan; the server never sees these texts. */
    private TestDevice.Builder widgetDevice(String name) {
        return TestDevice.named(name)
                .withObjectFromDdf(Ddf.widget(WIDGET, "Level"),
                        Map.of(0, Map.of(0, "w-1", 1, 42L, 2, 21.5, 3, true)))
                .withObjectFromDdf(Ddf.object(UNDEFINED, "Secret Thing", "1.0",
                                Ddf.item(0, "Label", "R", "String"), Ddf.item(1, "Count", "R", "Integer")),
                        Map.of(0, Map.of(0, "abc", 1, 7L)));
    }

    @Test
    void trigger_reads_custom_object_with_names_from_uploaded_xml_and_a_reupload_renames_at_once() {
        ObjectsApi objects = new ObjectsApi(bed.server().api());
        assertThat(objects.uploadXml(Ddf.widget(WIDGET, "Level")).status()).isEqualTo(201);
        String onRegister = bed.server().createTrigger("read-on-register", "lwm2m-register", READ_SCRIPT);
        String onUpdate = bed.server().createTrigger("read-on-update", "lwm2m-update", READ_SCRIPT);

        device = bed.start(widgetDevice("widget-1")).awaitRegistered();

        await().atMost(Duration.ofSeconds(20)).until(() -> bed.server().logs("widget").size() == 1);
        assertThat(bed.server().logs("widget").getFirst().get("data")).isEqualTo(Map.of(
                "strings", Map.of("acme_widget", Map.of("0", Map.of(
                        "widget_name", "w-1", "level", 42, "temperature_reading", 21.5, "enabled", true))),
                "combined", Map.of("acme_widget_33001", Map.of("0", Map.of(
                        "widget_name_0", "w-1", "level_1", 42, "temperature_reading_2", 21.5, "enabled_3", true))),
                "def", "Level"));

        Api.Response again = objects.uploadXml(Ddf.widget(WIDGET, "Fill Level"));
        assertThat(again.items().getFirst()).containsEntry("replaced", true);
        device.client().triggerRegistrationUpdate();

        await().atMost(Duration.ofSeconds(20)).until(() -> bed.server().logs("widget").size() == 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> second = (Map<String, Object>) bed.server().logs("widget").get(1).get("data");
        assertThat(second.get("strings")).isEqualTo(Map.of("acme_widget", Map.of("0", Map.of(
                "widget_name", "w-1", "fill_level", 42, "temperature_reading", 21.5, "enabled", true))));
        assertThat(second.get("combined")).isEqualTo(Map.of("acme_widget_33001", Map.of("0", Map.of(
                "widget_name_0", "w-1", "fill_level_1", 42, "temperature_reading_2", 21.5, "enabled_3", true))));
        assertThat(second.get("def")).isEqualTo("Fill Level");
        assertThat(RunLogJson.failures(bed.server().server().runLog(), onRegister, 10)).isEmpty();
        assertThat(RunLogJson.failures(bed.server().server().runLog(), onUpdate, 10)).isEmpty();
    }

    @Test
    void object_without_any_definition_decodes_with_numeric_keys_and_warns_once() {
        String reader = bed.server().createTrigger("read-undefined", "lwm2m-register", """
                var ep = event.endpoint.key;
                var out = {};
                out.strings = lwm2m.read(ep, '33002/0', {async: false, translateIds: 'strings', encoding: 'senml_json'});
                out.combined = lwm2m.read(ep, '33002/0', {async: false, translateIds: 'combined', encoding: 'senml_json'});
                out.tlv = lwm2m.read(ep, '33002/0', {async: false, translateIds: 'combined', encoding: 'tlv'});
                out.resource = lwm2m.read(ep, '33002/0/1', {async: false, encoding: 'senml_json', return: 'value'});
                out.def = lwm2m.getObjectDef(33002);
                log.info('undefined', out);
                """);
        try (LogCapture warnings = new LogCapture(ObjectTrees.class)) {
            device = bed.start(widgetDevice("secretive-1")).awaitRegistered();

            await().atMost(Duration.ofSeconds(20)).until(() -> !bed.server().logs("undefined").isEmpty()
                    || !RunLogJson.failures(bed.server().server().runLog(), reader, 10).isEmpty());
            assertThat(RunLogJson.failures(bed.server().server().runLog(), reader, 10)).isEmpty();
            @SuppressWarnings("unchecked")
            Map<String, Object> out = (Map<String, Object>) bed.server().logs("undefined").getFirst().get("data");
            Map<String, Object> typed = Map.of("33002", Map.of("0", Map.of("0", "abc", "1", 7)));
            assertThat(out.get("strings")).isEqualTo(typed);
            assertThat(out.get("combined")).isEqualTo(typed);
            // TLV carries no types: without a definition each value arrives as its bytes, in hex
            assertThat(out.get("tlv")).isEqualTo(Map.of("33002", Map.of("0", Map.of("0", "616263", "1", "07"))));
            assertThat(out.get("resource")).isEqualTo(Map.of("value", 7));
            assertThat(out).containsEntry("def", null);
            assertThat(warnings.messages()).filteredOn(m -> m.contains("object 33002 has no definition")).hasSize(1);
        }
    }
}
