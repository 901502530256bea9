package io.lwm2mbridge.engine.device.api;

import io.lwm2mbridge.engine.device.CallParser;
import io.lwm2mbridge.engine.device.CallRequest;
import io.lwm2mbridge.engine.device.DeviceCallException;
import io.lwm2mbridge.engine.device.DeviceCalls;
import io.lwm2mbridge.engine.device.PendingCall;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;

/**
 * The device operations of the REST API ({@code POST /api/v1/endpoints/{key}/{op}}) and of the MQTT bridge
 * ({@code <prefix>/<endpoint>/dn/<op>}), run from a request body: one place that reads the body, makes the
 * {@link CallParser} parse and the {@link DeviceCalls} call and turns the outcome into a status and a body, so both
 * answer alike. The body becomes the arguments a script would pass, so a body and a script call are read by the
 * same parser and fail with the same words.
 *
 * <p>The body is {@code {paths or path, value, options}} with the options of SCRIPTING.md ({@code value} may be
 * called {@code attributes} for write-attributes and {@code arguments} for execute; observe-cancel takes
 * {@code token}, or {@code path}/{@code paths} to end every observation of those paths). Calls are synchronous
 * unless {@code options.async} is true: then the answer is 202 {@code {"accepted": true}} once the call is
 * started (or held for a sleeping queue-mode device) and the results arrive as events.
 *
 * <p>Statuses: 200 with what the script call returns (a List as {@code {"items": [...]}}); a failure's status is
 * what the edge's mapping of {@link DeviceFailure} says ({@code api.DeviceStatuses}): a bad body, a bad argument
 * or an unknown operation is an {@link DeviceFailure.InvalidValue}, as a value that does not fit the resource
 * type is, and the time a synchronous call waits running out a {@link DeviceFailure.Timeout}. A failure's body
 * is the API's error shape,
 * {@code {"error": "...", "details": {"partialErrors": {path: message}}}} ({@code details} only when there are
 * any).
 */
public final class DeviceOperations {

    /** The operations, as the REST path and the MQTT topic name them. */
    public static final List<String> OPERATIONS = List.of("read", "write", "write-multi", "write-attributes",
            "execute", "create", "delete", "discover", "observe", "observe-cancel");

    public static final int OK = 200;
    public static final int ACCEPTED = 202;

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

    /** One operation's body read into the arguments a script would pass, and parsed. */
    @FunctionalInterface
    private interface BodyParse {
        CallRequest parse(String endpoint, Map<String, Object> body) throws HostCallException;
    }

    /** A body that lacks what the operation needs; answered as an invalid value with its message. */
    private static final class BadBody extends RuntimeException {

        private static final long serialVersionUID = 1L;

        BadBody(String message) {
            super(message, null, false, false);
        }
    }

    private final DeviceCalls calls;
    private final ToIntFunction<DeviceCallException> status;
    private final Map<String, BodyParse> byOperation = new LinkedHashMap<>();

    /** @param status the HTTP status of a failed call ({@code api.DeviceStatuses}) */
    public DeviceOperations(DeviceCalls calls, ToIntFunction<DeviceCallException> status) {
        this.calls = calls;
        this.status = status;
        CallParser p = calls.parser();
        byOperation.put("read", (ep, b) -> p.read(args(ep, paths(b), options(b))));
        byOperation.put("write", (ep, b) -> p.write(args(ep, path(b), b.get("value"), options(b))));
        byOperation.put("write-multi", (ep, b) -> p.writeMulti(args(ep, b.get("value"), options(b))));
        byOperation.put("write-attributes", (ep, b) -> p.writeAttrs(args(ep, path(b), first(b, "value", "attributes"),
                options(b))));
        byOperation.put("execute", (ep, b) -> p.execWithArgs(args(ep, path(b), first(b, "value", "arguments"),
                options(b))));
        byOperation.put("create", (ep, b) -> p.create(args(ep, path(b), b.get("value"), options(b))));
        byOperation.put("delete", (ep, b) -> p.delete(args(ep, path(b), options(b))));
        byOperation.put("discover", (ep, b) -> p.discover(args(ep, path(b), options(b))));
        byOperation.put("observe", (ep, b) -> p.observe(args(ep, paths(b), options(b))));
        byOperation.put("observe-cancel", (ep, b) -> p.observeCancel(args(ep, cancelTarget(b), options(b))));
    }

    /**
     * Reads a body of operation {@code op} into the call it asks for.
     *
     * @throws HostCallException for an unknown operation, a body without what the operation needs, or a bad
     *     argument, with the words the answer gives
     */
    public CallRequest parse(String endpoint, String op, Map<String, Object> body) throws HostCallException {
        BodyParse parse = byOperation.get(op == null ? "" : op);
        if (parse == null) {
            throw HostCallException.typeError("unknown operation '" + op + "': use one of " + String.join(", ", OPERATIONS));
        }
        try {
            return parse.parse(endpoint, body == null ? Map.of() : body);
        } catch (BadBody e) {
            throw HostCallException.typeError(e.getMessage());
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
        CallRequest call;
        try {
            call = parse(endpoint, op, body);
        } catch (HostCallException e) {
            return CompletableFuture.completedFuture(failure(new DeviceCallException(
                    new DeviceFailure.InvalidValue(e.getMessage()))));
        }
        PendingCall pending = calls.call(call);
        long waitMillis = Math.max(1, pending.maxWait().toMillis());
        return pending.result().orTimeout(waitMillis, TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error != null) {
                return failure(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
            }
            if (call.options().async()) {
                return new Answer(ACCEPTED, Map.of("accepted", true));
            }
            return new Answer(OK, value instanceof List<?> list ? Map.of("items", list) : value);
        });
    }

    private Answer failure(Throwable error) {
        DeviceCallException e = switch (error) {
            case DeviceCallException d -> d;
            case TimeoutException t -> new DeviceCallException(new DeviceFailure.Timeout());
            default -> new DeviceCallException(new DeviceFailure.NotCompleted("error", String.valueOf(error.getMessage())));
        };
        return Answer.error(status.applyAsInt(e), e.getMessage(), e.errors().isEmpty() ? null
                : Map.of("partialErrors", e.errors()));
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

    /** The call's options object; synchronous unless it says {@code async: true}. */
    private static Map<String, Object> options(Map<String, Object> body) {
        Object o = body.get("options");
        if (o != null && !(o instanceof Map<?, ?>)) {
            throw new BadBody("'options' must be a JSON object");
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> given) {
            given.forEach((name, value) -> options.put(String.valueOf(name), value));
        }
        options.putIfAbsent("async", false);
        return options;
    }
}
