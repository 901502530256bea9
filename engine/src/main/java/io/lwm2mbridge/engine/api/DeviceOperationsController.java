package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.endpoints.EndpointService;
import io.lwm2mbridge.engine.host.DeviceCallException;
import io.lwm2mbridge.engine.host.DeviceCalls;
import io.lwm2mbridge.engine.host.PendingCall;
import io.lwm2mbridge.engine.lwm2m.DeviceErrors;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * failed path: 400 for bad input or a value that does not fit the resource type (nothing was sent),
 * 404 when the endpoint is not registered or has no observation with that token, 504 when the device
 * did not respond, 502 when the device answered with an error code ({@code "coap: not found"}) or the
 * request failed otherwise.
 *
 * <p>Routes are one per operation, so they never shadow other {@code /endpoints/{key}/...} routes.
 */
@Controller("/api/v1/endpoints")
public final class DeviceOperationsController {

    private final DeviceCalls calls;
    private final EndpointService endpoints;

    public DeviceOperationsController(DeviceCalls calls, EndpointService endpoints) {
        this.calls = calls;
        this.endpoints = endpoints;
    }

    /** One device call, given the arguments a script would pass. */
    @FunctionalInterface
    private interface Call {
        PendingCall start(List<Object> args) throws HostCallException;
    }

    @Post("/{key}/read")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> read(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::read, args(key, paths(b)), options(b));
    }

    @Post("/{key}/write")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> write(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::write, args(key, path(b), b.get("value")), options(b));
    }

    @Post("/{key}/write-multi")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> writeMulti(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::writeMulti, args(key, b.get("value")), options(b));
    }

    @Post("/{key}/write-attributes")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> writeAttributes(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::writeAttrs, args(key, path(b), first(b, "value", "attributes")), options(b));
    }

    @Post("/{key}/execute")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> execute(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::execWithArgs, args(key, path(b), first(b, "value", "arguments")), options(b));
    }

    @Post("/{key}/create")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> create(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::create, args(key, path(b), b.get("value")), options(b));
    }

    @Post("/{key}/delete")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> delete(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::delete, args(key, path(b)), options(b));
    }

    @Post("/{key}/discover")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> discover(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::discover, args(key, path(b)), options(b));
    }

    @Post("/{key}/observe")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> observe(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::observe, args(key, paths(b)), options(b));
    }

    @Post("/{key}/observe-cancel")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> observeCancel(@PathVariable String key, @Body @Nullable String body) {
        Map<String, Object> b = JsonBody.object(body);
        return run(calls::observeCancel, args(key, cancelTarget(b)), options(b));
    }

    /** The last known values, {@code numbers} keys and update times by default, as {@code lwm2m.lastKnown}. */
    @Get("/{key}/last-known")
    public HttpResponse<String> lastKnown(@PathVariable String key, @QueryValue @Nullable String includeUpdateTimes,
            @QueryValue @Nullable String translateIds) {
        if (endpoints.record(key).isEmpty()) {
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
            return ApiJson.ok(calls.lastKnown(args(key, options)));
        } catch (HostCallException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private CompletableFuture<HttpResponse<String>> run(Call call, List<Object> args, Map<String, Object> options) {
        args.add(options);
        boolean async = Boolean.TRUE.equals(options.get("async")) || "true".equals(options.get("async"));
        PendingCall pending;
        try {
            pending = call.start(args);
        } catch (DeviceCallException e) {
            return CompletableFuture.completedFuture(failure(e));
        } catch (HostCallException e) {
            return CompletableFuture.completedFuture(ApiErrors.response(HttpStatus.BAD_REQUEST, e.getMessage(), null));
        }
        long waitMillis = Math.max(1, pending.maxWait().toMillis());
        return pending.result().orTimeout(waitMillis, TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error != null) {
                return failure(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
            if (async) {
                return ApiJson.status(HttpStatus.ACCEPTED, Map.of("accepted", true));
            }
            return ApiJson.ok(value instanceof List<?> list ? Map.of("items", list) : value);
        });
    }

    private static HttpResponse<String> failure(Throwable error) {
        if (error instanceof DeviceCallException e) {
            HttpStatus status = switch (e.kind()) {
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case NO_RESPONSE -> HttpStatus.GATEWAY_TIMEOUT;
                case BAD_VALUE -> HttpStatus.BAD_REQUEST;
                case DEVICE_ERROR -> HttpStatus.BAD_GATEWAY;
            };
            return ApiErrors.response(status, e.getMessage(),
                    e.errors().isEmpty() ? null : Map.of("partialErrors", e.errors()));
        }
        if (error instanceof TimeoutException) {
            return ApiErrors.response(HttpStatus.GATEWAY_TIMEOUT, DeviceErrors.NO_RESPONSE, null);
        }
        if (error instanceof HostCallException e) {
            return ApiErrors.response(HttpStatus.BAD_REQUEST, e.getMessage(), null);
        }
        return ApiErrors.response(HttpStatus.BAD_GATEWAY, String.valueOf(error.getMessage()), null);
    }

    private static List<Object> args(Object... values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            out.add(v);
        }
        return out;
    }

    private static Object paths(Map<String, Object> body) {
        Object p = body.containsKey("paths") ? body.get("paths") : body.get("path");
        if (p == null) {
            throw ApiException.badRequest("the body needs 'paths' (a path or a list of paths like \"3/0/0\")");
        }
        return p;
    }

    private static Object path(Map<String, Object> body) {
        Object p = body.containsKey("path") ? body.get("path") : body.get("paths");
        if (!(p instanceof String)) {
            throw ApiException.badRequest("the body needs 'path', a path like \"3/0/15\"");
        }
        return p;
    }

    private static Object first(Map<String, Object> body, String name, String alias) {
        return body.containsKey(name) ? body.get(name) : body.get(alias);
    }

    /** What observe-cancel ends: {@code token} (or {@code value}), else {@code paths} or {@code path}. */
    private static Object cancelTarget(Map<String, Object> body) {
        for (String name : List.of("token", "value", "paths", "path")) {
            if (body.get(name) != null) {
                return body.get(name);
            }
        }
        throw ApiException.badRequest("the body needs 'token' (as observe returned it) or 'path' (every observation"
                + " of that path, like \"3/0/13\") or 'paths'");
    }

    /** The call's options; synchronous unless they say {@code async: true}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(Map<String, Object> body) {
        Object o = body.get("options");
        if (o != null && !(o instanceof Map<?, ?>)) {
            throw ApiException.badRequest("'options' must be a JSON object");
        }
        Map<String, Object> options = o == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) o);
        options.putIfAbsent("async", false);
        return options;
    }
}
