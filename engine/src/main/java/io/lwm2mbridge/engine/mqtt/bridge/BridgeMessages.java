package io.lwm2mbridge.engine.mqtt.bridge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.device.api.DeviceOperations;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The payloads of the MQTT bridge's requests and answers. A request is the REST API's body plus {@code reqId}
 * (any JSON value, echoed); an answer is {@code {reqId, op, status, result}} or {@code {reqId, op, status, error,
 * details}} with the REST API's status and words.
 */
final class BridgeMessages {

    /** Written like the REST API's bodies (ApiJson): nulls and empty maps kept. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The status of a payload that is not a request, as the REST API answers a bad body. */
    static final int BAD_REQUEST = 400;

    /** The largest request payload read; a larger one is answered 413 (the REST API takes up to 20 MiB). */
    static final int MAX_REQUEST_BYTES = 1 << 20;

    private BridgeMessages() {}

    /** A request payload, read. */
    sealed interface Parsed permits Request, Refused {}

    /** A request to run: its {@code reqId} and the whole body (the operation ignores {@code reqId}). */
    record Request(Object reqId, Map<String, Object> body) implements Parsed {}

    /** A payload that cannot be run: the answer's status and words; {@code reqId} when it could be read. */
    record Refused(Object reqId, int status, String error) implements Parsed {

        Refused(Object reqId, String error) {
            this(reqId, BAD_REQUEST, error);
        }
    }

    /** Reads a request payload: a JSON object with a {@code reqId}. */
    @SuppressWarnings("unchecked")
    static Parsed parse(byte[] payload) {
        if (payload != null && payload.length > MAX_REQUEST_BYTES) {
            return new Refused(null, 413, "the request is larger than " + MAX_REQUEST_BYTES + " bytes");
        }
        if (payload == null || new String(payload, StandardCharsets.UTF_8).isBlank()) {
            return new Refused(null, "the request needs a JSON body");
        }
        Object parsed;
        try {
            parsed = MAPPER.readValue(payload, Object.class);
        } catch (JsonProcessingException e) {
            // the REST API's words (JsonBody), so both say the same about the same body
            return new Refused(null, "the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""));
        } catch (IOException e) {
            return new Refused(null, "the body is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            return new Refused(null, "the body must be a JSON object");
        }
        Object reqId = map.get("reqId");
        if (reqId == null) {
            return new Refused(null, "the body needs 'reqId' (any JSON value but null; the answer on up/resp"
                    + " carries it back)");
        }
        return new Request(reqId, (Map<String, Object>) map);
    }

    /** The answer's payload: {@code {reqId, op, status, result}}, or for a failure {@code {reqId, op, status, error, details}}. */
    static byte[] answer(Object reqId, String op, DeviceOperations.Answer answer) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reqId", reqId);
        out.put("op", op);
        out.put("status", answer.status());
        if (!answer.success() && answer.body() instanceof Map<?, ?> error) {
            error.forEach((k, v) -> out.put(String.valueOf(k), v));
        } else {
            out.put("result", answer.body());
        }
        try {
            return MAPPER.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            // a result the mapper cannot write (it never should): say so rather than answer nothing
            Map<String, Object> failed = new LinkedHashMap<>();
            failed.put("reqId", reqId instanceof String || reqId instanceof Number || reqId instanceof Boolean ? reqId
                    : String.valueOf(reqId));
            failed.put("op", op);
            failed.put("status", 500);
            failed.put("error", "the answer cannot be written as JSON: " + e.getOriginalMessage());
            try {
                return MAPPER.writeValueAsBytes(failed);
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }
}
