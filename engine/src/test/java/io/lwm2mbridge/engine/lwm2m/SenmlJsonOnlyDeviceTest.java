package io.lwm2mbridge.engine.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A LwM2M 1.1 client built without TLV (it speaks SenML-JSON, plain text and opaque, and announces
 * {@code ct=110}), as a stock Wakaama 1.1 build is: calls that name no encoding must reach it in a format
 * it announced, and a format it refuses must be named in the error beside what it announced.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SenmlJsonOnlyDeviceTest {

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestDevice device;
    private Api api;

    @BeforeAll
    void start() {
        api = bed.server().api();
        device = bed.start(TestDevice.named("senml-only")
                .formats(ContentFormat.SENML_JSON, ContentFormat.TEXT, ContentFormat.OPAQUE)).awaitRegistered();
    }

    @Test
    void the_device_announced_senml_json_and_no_tlv() {
        Registration reg = bed.server().server().leshan().getRegistrationService().getByEndpoint("senml-only");
        assertThat(reg.getSupportedContentFormats()).contains(ContentFormat.SENML_JSON)
                .doesNotContain(ContentFormat.TLV, ContentFormat.SENML_CBOR);
        assertThat(Encodings.announced(reg)).isEqualTo("it announced ct=110 (SenML-JSON) as a LwM2M 1.1 client");
    }

    @Test
    void the_readmes_first_trigger_runs_against_it() {
        Map<String, Object> out = Scripts.map(bed.server(), "senml-only", """
                var d = lwm2m.read(event.endpoint.key, ["3/0"], {async: false, translateIds: "strings"});
                trigger.reply(d.device["0"]);
                """);
        assertThat(out).containsEntry("manufacturer", "Leshan").containsEntry("model_number", "test-model");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reads_writes_creates_and_observations_with_no_encoding_use_what_it_announced() {
        Map<String, Object> out = Scripts.map(bed.server(), "senml-only", """
                var ep = event.endpoint.key, out = {};
                out.one = lwm2m.read(ep, '3/0/0', {async: false, return: 'value'}).value;
                out.write = lwm2m.write(ep, '3/0/14', '+05:00', {async: false}).success;
                out.instance = lwm2m.write(ep, '1/0', {1: 120}, {async: false}).success;
                out.after = lwm2m.read(ep, ['3/0/14', '1/0/1'], {async: false, translateIds: 'numbers'});
                out.multi = lwm2m.writeMulti(ep, {'1': {'0': {'1': 150}}}, {async: false}).success;
                out.composite = lwm2m.read(ep, ['3/0/0', '1/0/1'], {composite: true, async: false, translateIds: 'numbers'});
                out.tokens = lwm2m.observe(ep, '1/0/1', {async: false, context: 'senml-obs'}).tokens;
                trigger.reply(out);
                """);
        assertThat(out).containsEntry("one", "Leshan").containsEntry("write", true).containsEntry("instance", true)
                .containsEntry("multi", true);
        assertThat(out.get("after")).isEqualTo(Map.of("3", Map.of("0", Map.of("14", "+05:00")),
                "1", Map.of("0", Map.of("1", 120))));
        assertThat(out.get("composite")).isEqualTo(Map.of("3", Map.of("0", Map.of("0", "Leshan")),
                "1", Map.of("0", Map.of("1", 150))));
        assertThat((Map<String, Object>) out.get("tokens")).containsKey("1/0/1");
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().events("lwm2m-data", "senml-only").stream()
                .anyMatch(e -> "senml-obs".equals(((Map<?, ?>) e.get("data")).get("context"))));

        // over the REST API too
        Api.Response read = api.post("/api/v1/endpoints/senml-only/read", Map.of("paths", List.of("3/0")));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
    }

    @Test
    void a_format_it_refuses_is_named_in_the_error_beside_what_it_announced() {
        Map<String, Object> out = Scripts.map(bed.server(), "senml-only", """
                var ep = event.endpoint.key, out = {};
                try { lwm2m.read(ep, '3/0', {async: false, encoding: 'tlv'}); } catch (e) { out.read = e.message; }
                try { lwm2m.write(ep, '1/0', {1: 130}, {async: false, encoding: 'tlv'}); } catch (e) { out.write = e.message; }
                trigger.reply(out);
                """);
        assertThat((String) out.get("read")).contains("the device refused TLV (encoding 'tlv', ct 11542)")
                .contains("it announced ct=110 (SenML-JSON) as a LwM2M 1.1 client");
        assertThat((String) out.get("write")).contains("the device refused TLV (encoding 'tlv', ct 11542)")
                .contains("it announced ct=110 (SenML-JSON)");
    }
}
