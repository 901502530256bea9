package io.lwm2mbridge.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.triggers.json.RunLogJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Leshan client exposing Temperature (3303), an object of the OMA registry beyond Leshan's core
 * set: with nothing uploaded, triggers, reads and last known values name it from the built-in catalog;
 * an uploaded definition of 3303 still overrides the built-in one, and deleting it brings that back.
 */
class BuiltInRegistryObjectEndToEndTest {

    private static final int TEMPERATURE = 3303;
    private static final String READ_SCRIPT = """
            var ep = event.endpoint.key;
            log.info('temperature', {read: lwm2m.read(ep, '3303/0', {async: false}),
                strings: lwm2m.read(ep, ['3303/0/5700'], {async: false, translateIds: 'strings'}),
                def: lwm2m.getObjectDef(3303)});
            """;

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestDevice device;

    /**
     * The device's own model of 3303 version 1.1 (two of its resources), which Leshan's client needs to
     * serve it; written here, since the server must know the object without it.
     */
    private static String deviceModel(String sensorValueName) {
        return Ddf.object(TEMPERATURE, "Temperature", "1.1",
                Ddf.item(5700, sensorValueName, "R", "Float"),
                Ddf.item(5701, "Sensor Units", "R", "String"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void registry_object_is_named_from_the_catalog_with_nothing_uploaded() {
        String onRegister = bed.server().createTrigger("read-temperature", "lwm2m-register", READ_SCRIPT);

        device = bed.start(TestDevice.named("thermo-1")
                .withObjectFromDdf(deviceModel("Sensor Value"), Map.of(0, Map.of(5700, 21.5, 5701, "Cel")))
                ).awaitRegistered();

        await().atMost(Duration.ofSeconds(20)).until(() -> !bed.server().logs("temperature").isEmpty()
                || !RunLogJson.failures(bed.server().server().runLog(), onRegister, 10).isEmpty());
        assertThat(RunLogJson.failures(bed.server().server().runLog(), onRegister, 10)).isEmpty();
        Map<String, Object> logged = (Map<String, Object>) bed.server().logs("temperature").getFirst().get("data");
        assertThat(logged.get("read")).isEqualTo(Map.of("temperature_3303", Map.of("0", Map.of(
                "sensor_value_5700", 21.5, "sensor_units_5701", "Cel"))));
        assertThat(logged.get("strings")).isEqualTo(Map.of("temperature", Map.of("0", Map.of("sensor_value", 21.5))));
        Map<String, Object> def = (Map<String, Object>) logged.get("def");
        assertThat(def).containsEntry("id", TEMPERATURE).containsEntry("name", "Temperature")
                .containsEntry("version", "1.1");
        assertThat((List<Map<String, Object>>) def.get("resources")).extracting(r -> r.get("name"))
                .contains("Sensor Value", "Sensor Units", "Min Measured Value", "Timestamp");

        Api.Response known = bed.server().api().get("/api/v1/endpoints/thermo-1/last-known"
                + "?translateIds=combined&includeUpdateTimes=false");
        assertThat(known.status()).isEqualTo(200);
        assertThat(known.map()).containsEntry("temperature_3303", Map.of("0", Map.of(
                "sensor_value_5700", 21.5, "sensor_units_5701", "Cel")));
        Map<String, Object> lastKnown = Scripts.map(bed.server(), "thermo-1",
                "trigger.reply(lwm2m.lastKnown(event.endpoint.key, {translateIds: 'combined', includeUpdateTimes: false}));");
        assertThat(lastKnown).containsEntry("temperature_3303", Map.of("0", Map.of(
                "sensor_value_5700", 21.5, "sensor_units_5701", "Cel")));

        Api.Response listed = new ObjectsApi(bed.server().api()).get(TEMPERATURE + "?version=1.1");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.map()).containsEntry("name", "Temperature");
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_uploaded_definition_of_a_registry_object_overrides_the_built_in_one_until_it_is_deleted() {
        ObjectsApi objects = new ObjectsApi(bed.server().api());
        Api.Response upload = objects.uploadXml(deviceModel("Celsius Reading"));
        assertThat(upload.status()).as(upload.toString()).isEqualTo(201);
        assertThat(upload.items().getFirst()).containsEntry("id", TEMPERATURE).containsEntry("replaced", true);
        bed.server().createTrigger("read-on-register", "lwm2m-register", READ_SCRIPT);
        bed.server().createTrigger("read-on-update", "lwm2m-update", READ_SCRIPT);

        device = bed.start(TestDevice.named("thermo-2")
                .withObjectFromDdf(deviceModel("Sensor Value"), Map.of(0, Map.of(5700, 19.5, 5701, "Cel")))
                ).awaitRegistered();

        await().atMost(Duration.ofSeconds(20)).until(() -> bed.server().logs("temperature").size() == 1);
        Map<String, Object> custom = (Map<String, Object>) bed.server().logs("temperature").getFirst().get("data");
        assertThat(custom.get("read")).isEqualTo(Map.of("temperature_3303", Map.of("0", Map.of(
                "celsius_reading_5700", 19.5, "sensor_units_5701", "Cel"))));
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) custom.get("def")).get("resources"))
                .extracting(r -> r.get("name")).containsExactly("Celsius Reading", "Sensor Units");

        Api.Response deleted = objects.delete(Integer.toString(TEMPERATURE));
        assertThat(deleted.status()).as(deleted.toString()).isBetween(200, 204);
        device.client().triggerRegistrationUpdate();

        await().atMost(Duration.ofSeconds(20)).until(() -> bed.server().logs("temperature").size() == 2);
        Map<String, Object> builtIn = (Map<String, Object>) bed.server().logs("temperature").get(1).get("data");
        assertThat(builtIn.get("read")).isEqualTo(Map.of("temperature_3303", Map.of("0", Map.of(
                "sensor_value_5700", 19.5, "sensor_units_5701", "Cel"))));
        assertThat(objects.delete(Integer.toString(TEMPERATURE)).status()).isEqualTo(409);
    }
}
