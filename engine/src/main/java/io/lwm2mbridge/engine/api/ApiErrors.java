package io.lwm2mbridge.engine.api;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds error responses in the API's one shape: {@code {"error": "...", "details": ...}}. */
public final class ApiErrors {

    private ApiErrors() {}

    public static MutableHttpResponse<String> response(HttpStatus status, String message, Object details) {
        return ApiJson.status(status, body(message, details));
    }

    public static Map<String, Object> body(String message, Object details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (details != null) {
            body.put("details", details);
        }
        return body;
    }
}
