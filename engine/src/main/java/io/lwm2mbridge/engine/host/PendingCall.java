package io.lwm2mbridge.engine.host;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A device call under way: the future of what a synchronous call returns (null for an asynchronous
 * one, whose results arrive as events), and how long a caller should wait for it at most. The future
 * fails with {@link DeviceCallException}.
 */
public record PendingCall(CompletableFuture<Object> result, Duration maxWait) {

    static PendingCall done(Object value) {
        return new PendingCall(CompletableFuture.completedFuture(value), Duration.ZERO);
    }

    static PendingCall failed(DeviceCallException e) {
        return new PendingCall(CompletableFuture.failedFuture(e), Duration.ZERO);
    }
}
