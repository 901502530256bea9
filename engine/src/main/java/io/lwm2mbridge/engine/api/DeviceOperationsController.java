package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.device.CallParser;
import io.lwm2mbridge.engine.device.DeviceCalls;
import io.lwm2mbridge.engine.device.api.DeviceOperations;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.scripting.HostCallException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The device operations: {@code POST /api/v1/endpoints/{key}/{op}} with {@code op} one of {@code read},
 * {@code write}, {@code write-multi}, {@code write-attributes}, {@code execute}, {@code create},
 * {@code delete}, {@code discover}, {@code observe}, {@code observe-cancel}, and {@code GET
 * /api/v1/endpoints/{key}/last-known}. The body is {@code {paths or path, value, options}} with the
 * options of SCRIPTING.md (observe-cancel takes {@code token}, or {@code path}/{@code paths} to end every
 * observation of those paths; {@code value} holds the attributes of
 * write-attributes and the arguments of execute). Calls are synchronous unless {@code options.async}
 * is true; then the answer is 202 {@code {"accepted": true}} at once and the results arrive as events.
 *
 * <p>A synchronous call answers 200 with what the script call returns (a read's object tree, {@code
 * {tokens}} for observe, {@code {source, path, success}} for the others; discover's links as {@code
 * {"items": [...]}}). Failures use the API's error body, {@code details.partialErrors} naming each
 * failed path, with the status {@link DeviceStatuses} gives: 400 for bad input or a value that does not fit the resource type (nothing was sent),
 * 404 when the endpoint is not registered or has no observation with that token, 504 when the device
 * did not respond, 502 when the device answered with an error code ({@code "coap: not found"}) or the
 * request failed otherwise.
 *
 * <p>Routes are one per operation, so they never shadow other {@code /endpoints/{key}/...} routes. Each is a thin
 * adapter over {@link DeviceOperations}, which the MQTT bridge runs too, so both answer alike.
 */
@Controller("/api/v1/endpoints")
public final class DeviceOperationsController {

    private final DeviceOperations operations;
    private final DeviceCalls calls;
    private final Endpoints endpoints;

    public DeviceOperationsController(DeviceCalls calls, Endpoints endpoints) {
        this.operations = new DeviceOperations(calls, DeviceStatuses::of);
        this.calls = calls;
        this.endpoints = endpoints;
    }

    @Post("/{key}/read")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> read(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "read", body);
    }

    @Post("/{key}/write")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> write(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "write", body);
    }

    @Post("/{key}/write-multi")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> writeMulti(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "write-multi", body);
    }

    @Post("/{key}/write-attributes")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> writeAttributes(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "write-attributes", body);
    }

    @Post("/{key}/execute")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> execute(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "execute", body);
    }

    @Post("/{key}/create")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> create(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "create", body);
    }

    @Post("/{key}/delete")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> delete(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "delete", body);
    }

    @Post("/{key}/discover")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> discover(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "discover", body);
    }

    @Post("/{key}/observe")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> observe(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "observe", body);
    }

    @Post("/{key}/observe-cancel")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> observeCancel(@PathVariable String key, @Body @Nullable String body) {
        return run(key, "observe-cancel", body);
    }

    /** The last known values, {@code numbers} keys and update times by default, as {@code lwm2m.lastKnown}. */
    @Get("/{key}/last-known")
    public HttpResponse<String> lastKnown(@PathVariable String key, @QueryValue @Nullable String includeUpdateTimes,
            @QueryValue @Nullable String translateIds) {
        if (!endpoints.records().exists(key)) {
            throw ApiException.notFound("unknown endpoint '" + key + "'");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (includeUpdateTimes != null && !includeUpdateTimes.isBlank()) {
            options.put("includeUpdateTimes", Boolean.parseBoolean(includeUpdateTimes.trim()));
        }
        if (translateIds != null && !translateIds.isBlank()) {
            options.put("translateIds", translateIds.trim());
        }
        try {
            return ApiJson.ok(calls.lastKnown(CallParser.lastKnown(args(key, options))));
        } catch (HostCallException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private CompletableFuture<HttpResponse<String>> run(String key, String op, String body) {
        Map<String, Object> b = JsonBody.object(body);
        return operations.run(key, op, b).thenApply(DeviceOperationsController::response);
    }

    private static HttpResponse<String> response(DeviceOperations.Answer answer) {
        return ApiJson.status(HttpStatus.valueOf(answer.status()), answer.body());
    }

    private static List<Object> args(Object... values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v);
        }
        return out;
    }
}
