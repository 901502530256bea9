package io.lwm2mbridge.engine.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.mqtt.MqttService;
import io.lwm2mbridge.engine.mqtt.MqttServices;
import io.lwm2mbridge.engine.services.json.HttpServiceCodec;
import io.lwm2mbridge.engine.services.json.HttpServiceJson;
import io.lwm2mbridge.engine.store.MemoryKeyValueStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/** HTTP and MQTT services stored by earlier versions, in their shared map, load as before. */
class ServiceStoredFormTest {

    @Test
    void services_in_todays_stored_form_load_and_show_masked() {
        MemoryKeyValueStore store = new MemoryKeyValueStore();
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("key", "crm");
        http.put("type", "http");
        http.put("baseUrl", "https://crm.example.com/api");
        http.put("headers", Map.of("Accept", "application/json"));
        http.put("basicAuth", Map.of("username", "bridge", "password", "pw"));
        http.put("timeoutSeconds", 20);
        store.put("crm", http);
        Map<String, Object> mqtt = new LinkedHashMap<>();
        mqtt.put("key", "broker");
        mqtt.put("type", "mqtt");
        mqtt.put("uri", "mqtt://broker.example.com:1883");
        mqtt.put("clientId", "lwm2m-bridge-broker");
        mqtt.put("username", "u");
        mqtt.put("password", "secret");
        mqtt.put("keepAliveSeconds", 30);
        mqtt.put("cleanStart", false);
        mqtt.put("protocolVersion", "3.1.1");
        mqtt.put("caCertificate", null);
        mqtt.put("clientCertificate", null);
        mqtt.put("clientKey", null);
        store.put("broker", mqtt);
        HttpServices httpServices = new HttpServices(store, new HttpServiceCodec(), () -> { });
        MqttServices mqttServices = new MqttServices(store, () -> { });

        HttpService crm = httpServices.get("crm").orElseThrow();
        assertThat(crm.baseUrl().toString()).isEqualTo("https://crm.example.com/api");
        assertThat(crm.username()).isEqualTo("bridge");
        assertThat(crm.password()).isEqualTo("pw");
        assertThat(crm.timeoutSeconds()).isEqualTo(20);
        assertThat(httpServices.list()).hasSize(1);
        assertThat(HttpServiceJson.view(httpServices.get("crm").orElseThrow())).containsEntry("basicAuth",
                Map.of("username", "bridge", "password", HttpServices.MASK)).containsEntry("timeoutSeconds", 20);
        assertThat(httpServices.get("broker")).isEmpty();

        MqttService broker = mqttServices.get("broker").orElseThrow();
        assertThat(broker.keepAliveSeconds()).isEqualTo(30);
        assertThat(broker.cleanStart()).isFalse();
        assertThat(broker.protocolVersion()).isEqualTo("3.1.1");
        assertThat(mqttServices.keys()).containsExactly("broker");
        Map<String, Object> shown = new LinkedHashMap<>(mqtt);
        shown.put("password", HttpServices.MASK);
        assertThat(mqttServices.view("broker").orElseThrow()).isEqualTo(shown);

        httpServices.replace("crm", old -> HttpServiceJson.parse("crm", Map.of("baseUrl", "https://crm.example.com/api",
                "basicAuth", Map.of("username", "bridge", "password", HttpServices.MASK)), old));
        assertThat(store.get("crm")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("basicAuth", Map.of("username", "bridge", "password", "pw"));
    }
}
