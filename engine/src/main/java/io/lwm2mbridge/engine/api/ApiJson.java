package io.lwm2mbridge.engine.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * Writes API bodies with our own mapper, so they come back exactly as stored: Micronaut's mapper
 * leaves out empty maps and nulls, which would turn an instance with no resources ({@code "0": {}})
 * into nothing.
 */
public final class ApiJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {}

    public static MutableHttpResponse<String> ok(Object body) {
        return status(HttpStatus.OK, body);
    }

    public static MutableHttpResponse<String> status(HttpStatus status, Object body) {
        try {
            return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response cannot be written as JSON", e);
        }
    }
}
