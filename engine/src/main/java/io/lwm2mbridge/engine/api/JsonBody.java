package io.lwm2mbridge.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Parses request bodies and query values, answering 400 with what is wrong. */
public final class JsonBody {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonBody() {}

    static Object parse(String body) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("the request needs a JSON body");
        }
        try {
            return MAPPER.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")" : ""));
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(String body) {
        Object parsed = parse(body);
        if (!(parsed instanceof Map<?, ?> map)) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    /**
     * Applies a JSON object body as a change: the body is parsed, and a change the domain refuses with an
     * {@link IllegalArgumentException} is a 400 with its message.
     */
    static void applyObject(String body, java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> object = object(body);
        try {
            change.accept(object);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> objects(List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            if (!(items.get(i) instanceof Map<?, ?>)) {
                throw ApiException.badRequest("item " + i + " of the array is not a JSON object");
            }
        }
        return (List<Map<String, Object>>) items;
    }

    /** An ISO-8601 time or epoch milliseconds; null stays null. */
    static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            if (value.matches("\\d+")) {
                return Instant.ofEpochMilli(Long.parseLong(value));
            }
            return Instant.parse(value);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an ISO-8601 time or epoch milliseconds, not '" + value + "'");
        }
    }

    /** A paging cursor ({@code next} of an earlier page): a whole number of 0 or more; null when absent. */
    static Long cursor(String after) {
        if (after == null || after.isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(after.trim());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("after must be the next of an earlier page (a whole number), not '" + after + "'");
    }

    static int limit(Integer limit, int fallback, int max) {
        if (limit == null) {
            return fallback;
        }
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("limit must be between 1 and " + max);
        }
        return limit;
    }
}
