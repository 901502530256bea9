package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.lwm2m.DeviceErrors;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The device operations of the REST API ({@code POST /api/v1/endpoints/{key}/{op}}) and of the MQTT bridge
 * ({@code <prefix>/<endpoint>/dn/<op>}), run from a request body: one place that reads the body, makes the
 * {@link DeviceCalls} call and turns its outcome into a status and a body, so both answer alike.
 *
 * <p>The body is {@code {paths or path, value, options}} with the options of SCRIPTING.md ({@code value} may be
 * called {@code attributes} for write-attributes and {@code arguments} for execute; observe-cancel takes
 * {@code token}, or {@code path}/{@code paths} to end every observation of those paths). Calls are synchronous
 * unless {@code options.async} is true: then the answer is 202 {@code {"accepted": true}} once the call is
 * started (or held for a sleeping queue-mode device) and the results arrive as events.
 *
 * <p>Statuses: 200 with what the script call returns (a List as {@code {"items": [...]}}); 400 for a bad body, a
 * bad argument or a value that does not fit the resource type (nothing was sent), or an unknown operation; 404
 * when the endpoint is not registered or has no observation with that token; 504 when the device did not
 * respond in time; 502 when the device answered with an error code or the request failed otherwise (a
 * synchronous call to a sleeping queue-mode device included). A failure's body is the API's error shape,
 * {@code {"error": "...", "details": {"partialErrors": {path: message}}}} ({@code details} only when there are
 * any).
 */
public final class DeviceOperations {

    /** The operations, as the REST path and the MQTT topic name them. */
    public static final List<String> OPERATIONS = List.of("read", "write", "write-multi", "write-attributes",
            "execute", "create", "delete", "discover", "observe", "observe-cancel");

    public static final int OK = 200;
    public static final int ACCEPTED = 202;
    public static final int BAD_REQUEST = 400;
    public static final int NOT_FOUND = 404;
    public static final int BAD_GATEWAY = 502;
    public static final int GATEWAY_TIMEOUT = 504;

    /**
     * How an operation ended.
     *
     * @param status the HTTP status code the REST API answers with
     * @param body what it answers, to be written as JSON: the call's result, or {@code {error, details}}
     */
    public record Answer(int status, Object body) {

        /** Whether the call succeeded (200) or was accepted (202). */
        public boolean success() {
            return status < 300;
        }

        /** A failure in the API's error shape: {@code {"error": message, "details": details}}, details when not null. */
        public static Answer error(int status, String message, Object details) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            if (details != null) {
                body.put("details", details);
            }
            return new Answer(status, body);
        }
    }

    private final DeviceCalls calls;

    public DeviceOperations(DeviceCalls calls) {
        this.calls = calls;
    }

    /** One device call, given the arguments a script would pass. */
    @FunctionalInterface
    private interface Call {
        PendingCall start(List<Object> args) throws HostCallException;
    }

    /** A body that lacks what the operation needs; answered 400 with its message. */
    private static final class BadBody extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadBody(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs operation {@code op} on {@code endpoint}. Returns at once; the future completes (never exceptionally)
     * when the device answered, the call's time ran out, or at once for an asynchronous call, a bad body or an
     * unknown operation. Waits for the device no longer than the call's own timeout ({@code options.timeout},
     * else {@code device_timeout_s}) and a short grace.
     *
     * @param body the request body as parsed JSON; null is taken as {@code {}}
     */
    public CompletableFuture<Answer> run(String endpoint, String op, Map<String, Object> body) {
        Map<String, Object> b = body == null ? Map.of() : body;
        try {
            return switch (op == null ? "" : op) {
                case "read" -> run(calls::read, args(endpoint, paths(b)), options(b));
                case "write" -> run(calls::write, args(endpoint, path(b), b.get("value")), options(b));
                case "write-multi" -> run(calls::writeMulti, args(endpoint, b.get("value")), options(b));
                case "write-attributes" -> run(calls::writeAttrs, args(endpoint, path(b), first(b, "value", "attributes")),
                        options(b));
                case "execute" -> run(calls::execWithArgs, args(endpoint, path(b), first(b, "value", "arguments")),
                        options(b));
                case "create" -> run(calls::create, args(endpoint, path(b), b.get("value")), options(b));
                case "delete" -> run(calls::delete, args(endpoint, path(b)), options(b));
                case "discover" -> run(calls::discover, args(endpoint, path(b)), options(b));
                case "observe" -> run(calls::observe, args(endpoint, paths(b)), options(b));
                case "observe-cancel" -> run(calls::observeCancel, args(endpoint, cancelTarget(b)), options(b));
                default -> CompletableFuture.completedFuture(Answer.error(BAD_REQUEST, "unknown operation '" + op
                        + "': use one of " + String.join(", ", OPERATIONS), null));
            };
        } catch (BadBody e) {
            return CompletableFuture.completedFuture(Answer.error(BAD_REQUEST, e.getMessage(), null));
        }
    }

    private static CompletableFuture<Answer> run(Call call, List<Object> args, Map<String, Object> options) {
        args.add(options);
        boolean async = Boolean.TRUE.equals(options.get("async")) || "true".equals(options.get("async"));
        PendingCall pending;
        try {
            pending = call.start(args);
        } catch (DeviceCallException e) {
            return CompletableFuture.completedFuture(failure(e));
        } catch (HostCallException e) {
            return CompletableFuture.completedFuture(Answer.error(BAD_REQUEST, e.getMessage(), null));
        }
        long waitMillis = Math.max(1, pending.maxWait().toMillis());
        return pending.result().orTimeout(waitMillis, TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error != null) {
                return failure(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
            if (async) {
                return new Answer(ACCEPTED, Map.of("accepted", true));
            }
            return new Answer(OK, value instanceof List<?> list ? Map.of("items", list) : value);
        });
    }

    private static Answer failure(Throwable error) {
        if (error instanceof DeviceCallException e) {
            int status = switch (e.kind()) {
                case NOT_FOUND -> NOT_FOUND;
                case NO_RESPONSE -> GATEWAY_TIMEOUT;
                case BAD_VALUE -> BAD_REQUEST;
                case DEVICE_ERROR -> BAD_GATEWAY;
            };
            return Answer.error(status, e.getMessage(), e.errors().isEmpty() ? null : Map.of("partialErrors", e.errors()));
        }
        if (error instanceof TimeoutException) {
            return Answer.error(GATEWAY_TIMEOUT, DeviceErrors.NO_RESPONSE, null);
        }
        if (error instanceof HostCallException e) {
            return Answer.error(BAD_REQUEST, e.getMessage(), null);
        }
        return Answer.error(BAD_GATEWAY, String.valueOf(error.getMessage()), null);
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
            throw new BadBody("the body needs 'paths' (a path or a list of paths like \"3/0/0\")");
        }
        return p;
    }

    private static Object path(Map<String, Object> body) {
        Object p = body.containsKey("path") ? body.get("path") : body.get("paths");
        if (!(p instanceof String)) {
            throw new BadBody("the body needs 'path', a path like \"3/0/15\"");
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
        throw new BadBody("the body needs 'token' (as observe returned it) or 'path' (every observation"
                + " of that path, like \"3/0/13\") or 'paths'");
    }

    /** The call's options; synchronous unless they say {@code async: true}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> options(Map<String, Object> body) {
        Object o = body.get("options");
        if (o != null && !(o instanceof Map<?, ?>)) {
            throw new BadBody("'options' must be a JSON object");
        }
        Map<String, Object> options = o == null ? new LinkedHashMap<>() : new LinkedHashMap<>((Map<String, Object>) o);
        options.putIfAbsent("async", false);
        return options;
    }
}
