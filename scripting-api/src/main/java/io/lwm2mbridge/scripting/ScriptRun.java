package io.lwm2mbridge.scripting;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * One run of one script, as host functions see it. Host functions are called on the run's worker
 * thread; {@link #await} is the one way for them to block, so that a stopped run stops waiting too.
 */
public final class ScriptRun {

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

    ScriptRun(ScriptRequest request, Supplier<Map<String, Object>> values, PooledContext context, RunSlots slots,
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

    public ScriptRequest request() {
        return request;
    }

    /** The plain values of host objects for this run, asked for when the script first reads one. */
    Map<String, Object> values() {
        Map<String, Object> v = values == null ? null : values.get();
        return v == null ? Map.of() : v;
    }

    /** The caller's object given in {@link ScriptRequest#attachment()}. */
    public Object attachment() {
        return request.attachment();
    }

    /** Records the script's reply; the first one wins, later ones are ignored. */
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

    /**
     * Waits for a host operation on behalf of the script. The wait does not count against the CPU
     * budget but does count against the wall-clock limit: when the run is stopped the wait ends at once.
     *
     * @throws HostCallException with {@code timeoutMessage} when {@code timeout} passes, or with the
     *     cause's message when the future fails
     */
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

    /** Sleeps on behalf of the script ({@code trigger.sleep}); ends early when the run is stopped. */
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

    /**
     * Runs a library's code in this run's context at global scope, as {@code trigger.include} does: the
     * code is checked as scripts are (one function body, nothing that closes a wrapper) and named by the
     * library, so its errors give the library's own lines. The context is not reused afterwards, since
     * the code leaves global declarations behind.
     *
     * @throws HostCallException (a {@code SyntaxError}) when the library is not one function body
     */
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
