package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.engine.lwm2m.DeviceException;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.requests.CallOutcome;
import io.lwm2mbridge.engine.lwm2m.requests.ValueException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.eclipse.leshan.server.registration.Registration;

/**
 * How every device call ends, whatever it does: the registration is looked up, the operation
 * started, and its outcome either returned (synchronous: the result, or a {@link DeviceCallException})
 * or published (asynchronous: {@code lwm2m-error}, and {@code lwm2m-result} with a context).
 * Failures found before anything is sent end the same way.
 */
final class CallFlow {

    /** Extra time a synchronous call waits beyond the device timeout, so Leshan's own timeout answers first. */
    static final Duration GRACE = Duration.ofSeconds(2);

    /** What one operation does once the registration is known. */
    @FunctionalInterface
    interface Operation {
        CompletableFuture<CallOutcome> start(Registration reg) throws ValueException, DeviceException;
    }

    private final DeviceRequests requests;
    private final DeviceEvents events;

    CallFlow(DeviceRequests requests, DeviceEvents events) {
        this.requests = requests;
        this.events = events;
    }

    PendingCall call(String endpoint, String source, List<String> pathNames, CallOptions options, Duration timeout,
            Operation operation, Function<CallOutcome, Object> syncResult) {
        Registration reg;
        CompletableFuture<CallOutcome> future;
        try {
            reg = requests.registration(endpoint);
        } catch (DeviceException e) {
            return notFound(endpoint, source, pathNames, options, e);
        }
        try {
            future = operation.start(reg);
        } catch (ValueException e) {
            return failedBeforeSending(endpoint, source, pathNames, options, new DeviceFailure.InvalidValue(e.getMessage()));
        } catch (DeviceException e) {
            return notFound(endpoint, source, pathNames, options, e);
        } catch (RuntimeException e) {
            return failedBeforeSending(endpoint, source, pathNames, options, refusedByLeshan(source, e));
        }
        return finish(endpoint, source, pathNames, options, timeout, future, syncResult);
    }

    PendingCall finish(String endpoint, String source, List<String> pathNames, CallOptions options,
            Duration timeout, CompletableFuture<CallOutcome> future, Function<CallOutcome, Object> syncResult) {
        if (options.async()) {
            return PendingCall.settling(future.thenAccept(out -> events.finished(endpoint, source,
                    out.paths().isEmpty() ? pathNames : out.paths(), out.errorMessages(), options.hasContext(),
                    options.context(), out.result())));
        }
        return new PendingCall(future.thenApply(out -> {
            if (!out.ok()) {
                throw new CompletionException(new DeviceCallException(out.errors()));
            }
            return syncResult.apply(out);
        }), timeout.plus(GRACE));
    }

    PendingCall notFound(String endpoint, String source, List<String> pathNames, CallOptions options,
            DeviceException e) {
        return failedBeforeSending(endpoint, source, pathNames, options, e.failure());
    }

    /** Leshan checks a request as it is built (overlapping composite paths, say): nothing was sent. */
    static DeviceFailure refusedByLeshan(String source, RuntimeException e) {
        return new DeviceFailure.InvalidValue("cannot " + source + ": " + e.getMessage());
    }

    /** How a call ends that failed as a whole before anything was sent: its events, or its exception. */
    PendingCall failedBeforeSending(String endpoint, String source, List<String> pathNames, CallOptions options,
            DeviceFailure failure) {
        if (options.async()) {
            Map<String, String> errors = new LinkedHashMap<>();
            (pathNames.isEmpty() ? List.of("") : pathNames).forEach(p -> errors.put(p, failure.message()));
            events.finished(endpoint, source, pathNames.isEmpty() ? List.of("") : pathNames, errors,
                    options.hasContext(), options.context());
            return PendingCall.done(null);
        }
        return PendingCall.failed(new DeviceCallException(failure));
    }

    /** The result of a synchronous call that returns no data: the {@code lwm2m-result} fields, without context. */
    static Map<String, Object> plainResult(String source, CallOutcome out) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("source", source);
        result.put("path", String.join(",", out.paths()));
        result.put("success", true);
        out.result().forEach(result::putIfAbsent);
        return result;
    }
}
