package io.lwm2mbridge.scripting.sandbox;

import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.ScriptRun;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One run of one script: what host functions see of it ({@link ScriptRun}), and what the sandbox keeps of
 * it (its context, execution slot, start times for the budgets, and why it was stopped).
 */
final class SandboxRun implements ScriptRun {

    private final ScriptRequest request;
    private final Supplier<Map<String, Object>> values;
    private final RunSlots slots;
    private final RunSlots.Holder slot = new RunSlots.Holder();
    private final long threadId;
    private final long startNanos;
    private final long startCpuNanos;
    private final long startAllocatedBytes;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final PooledContext context;
    private volatile RunOutcome.Status stopReason;
    private Object reply;
    private boolean replied;

    SandboxRun(ScriptRequest request, Supplier<Map<String, Object>> values, PooledContext context, RunSlots slots,
            long startNanos, long startCpuNanos, long startAllocatedBytes) {
        this.request = request;
        this.slots = slots;
        this.values = values;
        this.context = context;
        this.threadId = Thread.currentThread().threadId();
        this.startNanos = startNanos;
        this.startCpuNanos = startCpuNanos;
        this.startAllocatedBytes = startAllocatedBytes;
    }

    ScriptRequest request() {
        return request;
    }

    /** The plain values of host objects for this run, asked for when the script first reads one. */
    Map<String, Object> values() {
        Map<String, Object> v = values == null ? null : values.get();
        return v == null ? Map.of() : v;
    }

    @Override
    public Object attachment() {
        return request.attachment();
    }

    @Override
    public void reply(Object value) {
        if (!replied) {
            replied = true;
            reply = value;
        }
    }

    Object replyValue() {
        return reply;
    }

    boolean hasReplied() {
        return replied;
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout, String timeoutMessage) throws HostCallException {
        if (!future.isDone()) {
            CompletableFuture<Object> either = CompletableFuture.anyOf(future, stopped);
            leaveSlot();
            try {
                either.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new HostCallException(timeoutMessage);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostCallException("the run was interrupted");
            } catch (ExecutionException | CancellationException e) {
                // examined below through the original future
            } finally {
                enterSlot();
            }
        }
        if (stopped.isDone() && !future.isDone()) {
            throw new HostCallException("the run was stopped: " + stopReason);
        }
        try {
            return future.getNow(null);
        } catch (RuntimeException e) {
            // CompletionException or CancellationException: report what really went wrong
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof HostCallException hce) {
                throw hce;
            }
            throw new HostCallException(cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
    }

    @Override
    public void sleep(Duration duration) throws HostCallException {
        leaveSlot();
        try {
            stopped.get(duration.toMillis(), TimeUnit.MILLISECONDS);
            throw new HostCallException("the run was stopped: " + stopReason);
        } catch (TimeoutException e) {
            // slept the whole time: the normal case
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostCallException("the run was interrupted");
        } catch (ExecutionException e) {
            throw new HostCallException("the run was stopped");
        } finally {
            enterSlot();
        }
    }

    @Override
    public void include(String libraryName, String code) throws HostCallException {
        context.include(libraryName, code);
    }

    /** Takes a slot to execute script code ({@link RunSlots}). */
    void enterSlot() {
        slots.enter(slot);
    }

    /** Gives the slot back while the run waits, and when it ends. */
    void leaveSlot() {
        slots.exit(slot);
    }

    /** For the watchdog: frees the slot of a run that has been executing for long. */
    void reclaimSlotIfHog(long nowNanos) {
        slots.reclaimIfHog(slot, nowNanos);
    }

    long threadId() {
        return threadId;
    }

    long startNanos() {
        return startNanos;
    }

    long startCpuNanos() {
        return startCpuNanos;
    }

    /** What the run's thread had allocated when the run started (-1 where the JVM cannot tell). */
    long startAllocatedBytes() {
        return startAllocatedBytes;
    }

    PooledContext context() {
        return context;
    }

    RunOutcome.Status stopReason() {
        return stopReason;
    }

    boolean isStopped() {
        return stopReason != null;
    }

    /** Marks the run stopped and wakes any wait; the caller then interrupts the script itself. */
    boolean stop(RunOutcome.Status reason) {
        if (stopReason != null) {
            return false;
        }
        stopReason = reason;
        stopped.complete(null);
        return true;
    }
}
