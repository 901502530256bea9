package io.lwm2mbridge.engine.device;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A device call under way: the future of what a synchronous call returns (null for an asynchronous
 * one, whose results arrive as events), and how long a caller should wait for it at most. The future
 * fails with {@link DeviceCallException}. {@code settled} completes once the call has ended and its
 * events are published (for a synchronous call it is the result itself), so held calls can be sent one
 * after another.
 */
public record PendingCall(CompletableFuture<Object> result, Duration maxWait, CompletableFuture<?> settled) {

    public PendingCall(CompletableFuture<Object> result, Duration maxWait) {
        this(result, maxWait, result);
    }

    /** An asynchronous call: returns at once, and is over when {@code settled} completes. */
    public static PendingCall settling(CompletableFuture<?> settled) {
        return new PendingCall(CompletableFuture.completedFuture(null), Duration.ZERO, settled);
    }

    public static PendingCall done(Object value) {
        return new PendingCall(CompletableFuture.completedFuture(value), Duration.ZERO);
    }

    public static PendingCall failed(DeviceCallException e) {
        return new PendingCall(CompletableFuture.failedFuture(e), Duration.ZERO);
    }
}
