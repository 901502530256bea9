package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.device.DeviceCallException;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one mapping of device failures to the errors scripts catch: a value or argument that cannot be sent
 * is a {@code TypeError} (nothing was sent), every other failure (not registered, no answer, an error
 * code, a sleeping device) an {@code Error}; the message is the failure's words either way.
 */
final class ScriptErrors {

    private ScriptErrors() {}

    /** The JavaScript error type of one failure. */
    static String jsType(DeviceFailure failure) {
        return switch (failure) {
            case DeviceFailure.InvalidValue v -> HostCallException.TYPE_ERROR;
            case DeviceFailure.NotRegistered n -> HostCallException.ERROR;
            case DeviceFailure.NoObservation n -> HostCallException.ERROR;
            case DeviceFailure.Timeout t -> HostCallException.ERROR;
            case DeviceFailure.Sleeping s -> HostCallException.ERROR;
            case DeviceFailure.ErrorCode c -> HostCallException.ERROR;
            case DeviceFailure.NotCompleted n -> HostCallException.ERROR;
        };
    }

    /** A failed call as the script sees it: the type its failures share, else {@code Error}. */
    static HostCallException of(DeviceCallException e) {
        var types = e.failures().stream().map(ScriptErrors::jsType).distinct().toList();
        return new HostCallException(e.getMessage(), types.size() == 1 ? types.get(0) : HostCallException.ERROR);
    }

    /** {@code result}, failing with the script's error where it fails with a {@link DeviceCallException}. */
    static CompletableFuture<Object> of(CompletableFuture<Object> result) {
        return result.exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return CompletableFuture.failedFuture(cause instanceof DeviceCallException d ? of(d) : cause);
        });
    }
}
