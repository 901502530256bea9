package io.lwm2mbridge.engine.mqtt.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.device.api.DeviceOperations;
import io.lwm2mbridge.scripting.JsonBridge;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bridge's request payloads (the REST body plus reqId) and its answers ({reqId, op, status, result or error}). */
class BridgeMessagesTest {

    private static BridgeMessages.Parsed parse(String payload) {
        return BridgeMessages.parse(payload.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(byte[] payload) {
        return (Map<String, Object>) JsonBridge.fromJson(new String(payload, StandardCharsets.UTF_8));
    }

    @Test
    void a_request_is_a_json_object_with_a_req_id_of_any_type() {
        assertThat(parse("{\"reqId\": \"r1\", \"paths\": \"3/0/0\"}")).isEqualTo(
                new BridgeMessages.Request("r1", Map.of("reqId", "r1", "paths", "3/0/0")));
        assertThat(((BridgeMessages.Request) parse("{\"reqId\": 7}")).reqId()).isEqualTo(7);
        assertThat(((BridgeMessages.Request) parse("{\"reqId\": {\"a\": [1]}}")).reqId()).isEqualTo(Map.of("a", List.of(1)));
    }

    @Test
    void payloads_that_cannot_be_run_are_refused_with_the_rest_api_words() {
        assertThat(parse("not json")).isInstanceOfSatisfying(BridgeMessages.Refused.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error()).startsWith("the body is not valid JSON: ").contains("line 1");
            assertThat(r.reqId()).isNull();
        });
        assertThat(parse("")).isEqualTo(new BridgeMessages.Refused(null, 400, "the request needs a JSON body"));
        assertThat(parse("  ")).isEqualTo(new BridgeMessages.Refused(null, 400, "the request needs a JSON body"));
        assertThat(parse("[1]")).isEqualTo(new BridgeMessages.Refused(null, 400, "the body must be a JSON object"));
        assertThat(parse("{\"paths\": \"3/0/0\"}")).isInstanceOfSatisfying(BridgeMessages.Refused.class,
                r -> assertThat(r.error()).contains("'reqId'"));
        assertThat(parse("{\"reqId\": null}")).isInstanceOf(BridgeMessages.Refused.class);
        byte[] big = new byte[BridgeMessages.MAX_REQUEST_BYTES + 1];
        assertThat(BridgeMessages.parse(big)).isInstanceOfSatisfying(BridgeMessages.Refused.class,
                r -> assertThat(r.status()).isEqualTo(413));
    }

    @Test
    void a_success_answer_carries_the_result_and_a_failure_the_error_and_details() {
        Map<String, Object> ok = json(BridgeMessages.answer("r1", "read",
                new DeviceOperations.Answer(200, Map.of("3", Map.of("0", Map.of("0", "Acme"))))));
        assertThat(ok).containsExactlyInAnyOrderEntriesOf(Map.of("reqId", "r1", "op", "read", "status", 200,
                "result", Map.of("3", Map.of("0", Map.of("0", "Acme")))));

        Map<String, Object> failed = json(BridgeMessages.answer(7, "read", DeviceOperations.Answer.error(502,
                "coap: not found", Map.of("partialErrors", Map.of("3/0/100", "coap: not found")))));
        assertThat(failed).containsExactlyInAnyOrderEntriesOf(Map.of("reqId", 7, "op", "read", "status", 502,
                "error", "coap: not found", "details", Map.of("partialErrors", Map.of("3/0/100", "coap: not found"))));

        Map<String, Object> plain = json(BridgeMessages.answer(null, "x", DeviceOperations.Answer.error(400, "bad", null)));
        assertThat(plain).containsEntry("reqId", null).containsEntry("error", "bad").doesNotContainKeys("details", "result");
        // the order a reader sees: reqId, op, status first
        assertThat(new String(BridgeMessages.answer("r", "read", new DeviceOperations.Answer(202, Map.of("accepted", true))),
                StandardCharsets.UTF_8)).isEqualTo("{\"reqId\":\"r\",\"op\":\"read\",\"status\":202,\"result\":{\"accepted\":true}}");
    }
}
