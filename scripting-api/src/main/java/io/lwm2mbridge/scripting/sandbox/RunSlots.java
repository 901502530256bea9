package io.lwm2mbridge.scripting.sandbox;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many runs may execute script code at the same moment: about one per core. Worker threads are
 * many (32) because runs spend most of their time waiting for devices; if every waiting run that
 * becomes runnable competed for the CPU at once, the protocol threads that answer devices would get
 * a sliver of it under load. A run holds a slot while it executes, gives it up while it waits
 * ({@link SandboxRun#await}, {@link SandboxRun#sleep}), and takes one again before it goes on.
 *
 * <p>A run that keeps executing longer than {@link #HOG_NANOS} loses its slot to the watchdog, so one
 * busy script never makes the others wait for its CPU budget: the slots bound short runs, which is
 * where the load is; long ones are bounded by their CPU budget.
 */
final class RunSlots {

    static final long HOG_NANOS = 20_000_000L;

    private final Semaphore slots;
    private final int count;

    RunSlots(int count) {
        this.count = Math.max(1, count);
        this.slots = new Semaphore(this.count, false);
    }

    int count() {
        return count;
    }

    /** Takes a slot for the run; returns once it has one. */
    void enter(Holder holder) {
        slots.acquireUninterruptibly();
        holder.since.set(System.nanoTime());
    }

    /** Gives the run's slot back, if it still holds one. */
    void exit(Holder holder) {
        if (holder.since.getAndSet(0) != 0) {
            slots.release();
        }
    }

    /** Called by the watchdog: frees the slot of a run that has held it too long. */
    void reclaimIfHog(Holder holder, long nowNanos) {
        long since = holder.since.get();
        if (since != 0 && nowNanos - since > HOG_NANOS && holder.since.compareAndSet(since, 0)) {
            slots.release();
        }
    }

    /** A run's claim on a slot: the time it took the slot, or 0 when it holds none. */
    static final class Holder {
        private final AtomicLong since = new AtomicLong();
    }
}
