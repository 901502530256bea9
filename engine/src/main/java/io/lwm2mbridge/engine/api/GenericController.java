package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.events.GenericData;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.engine.generic.GenericCalls;
import io.lwm2mbridge.engine.generic.GenericReply;
import io.lwm2mbridge.engine.limits.JsonSize;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/generic/{name}}: the body (any JSON value; empty is {@code {}}) becomes
 * {@code event.data.data} of the {@code generic} triggers of that name, with {@code event.data.source}
 * {@code "http"} and {@code event.data.method} {@code "POST"} beside it. Answers 200 with the first
 * {@code trigger.reply} value as JSON; <b>204 No Content</b> when no trigger has that name or none
 * replied; 500 naming the trigger and line when none replied and a run failed; 504 when no reply came
 * within the {@code script_wall_clock_limit_s} setting; 413 when the event's data would be larger than
 * {@code event_data_max_bytes}. Does not hold a server thread while waiting.
 */
@Controller("/api/v1/generic")
public record GenericController(GenericCalls calls, Settings settings) {

    @Post("/{name}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> call(String name, @Body @Nullable String body) {
        Object payload = body == null || body.isBlank() ? new LinkedHashMap<>() : JsonBody.parse(body);
        GenericData data = new GenericData(payload, GenericCalls.SOURCE_HTTP, "POST");
        long dataMax = settings.integer(Settings.EVENT_DATA_MAX_BYTES);
        if (JsonSize.exceeds(EventJson.data(data), dataMax)) {
            throw new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the body is larger than an event's data may be: "
                    + dataMax + " bytes as JSON (setting event_data_max_bytes); no trigger ran",
                    Map.of("maxBytes", dataMax));
        }
        long limit = settings.integer(Settings.SCRIPT_WALL_CLOCK_LIMIT_S);
        return calls.call(name, data).orTimeout(limit, TimeUnit.SECONDS).handle((reply, error) -> {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                if (cause instanceof TimeoutException) {
                    return ApiErrors.response(HttpStatus.GATEWAY_TIMEOUT,
                            "no reply from the generic triggers '" + name + "' within " + limit + " s", null);
                }
                return ApiErrors.response(HttpStatus.INTERNAL_SERVER_ERROR, String.valueOf(cause.getMessage()), null);
            }
            return switch (reply) {
                case GenericReply.Replied r -> ApiJson.ok(r.value());
                case GenericReply.NoTrigger n -> HttpResponse.noContent();
                case GenericReply.NoReply n -> HttpResponse.noContent();
                case GenericReply.Failed f -> {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("trigger", f.trigger());
                    details.put("line", f.line() > 0 ? f.line() : null);
                    yield ApiErrors.response(HttpStatus.INTERNAL_SERVER_ERROR, "trigger '" + f.trigger() + "' failed"
                            + (f.line() > 0 ? " at line " + f.line() : "") + ": " + f.message(), details);
                }
            };
        });
    }
}
