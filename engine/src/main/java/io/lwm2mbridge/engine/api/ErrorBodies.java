package io.lwm2mbridge.engine.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Errors the framework itself answers (unknown route, wrong method, unreadable body, too large) in
 * the API's shape rather than Micronaut's own.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public final class ErrorBodies implements JsonErrorResponseBodyProvider<Map<String, Object>> {

    @Override
    public Map<String, Object> body(ErrorContext context, HttpResponse<?> response) {
        List<String> messages = context.getErrors().stream().map(Error::getMessage).toList();
        String message = messages.isEmpty() ? response.getStatus().getReason() : String.join("; ", messages);
        return ApiErrors.body(message, null);
    }
}
