package io.lwm2mbridge.engine.api;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Reads a streamed request body, keeping at most {@code limit} bytes: beyond that it keeps reading (so
 * the client gets its answer rather than a reset connection) but only counts. Called on the Netty event
 * loop as chunks arrive; completes {@code done} there.
 */
final class BoundedBody implements Subscriber<byte[]> {

    /** The body, or null content when it was larger than the limit; {@code size} counts every byte. */
    record Result(byte[] content, long size) {}

    private final long limit;
    private final CompletableFuture<Result> done;
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private long size;

    BoundedBody(long limit, CompletableFuture<Result> done) {
        this.limit = limit;
        this.done = done;
    }

    @Override
    public void onSubscribe(Subscription s) {
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(byte[] chunk) {
        size += chunk.length;
        if (kept != null && size > limit) {
            kept = null;
        } else if (kept != null) {
            kept.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable t) {
        done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        done.complete(new Result(kept == null ? null : kept.toByteArray(), size));
    }
}
