package io.lwm2mbridge.engine.firmware.fota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One timer per job for its stored deadline, run on the FOTA thread itself. The delay comes from the
 * injected {@link Clock}, and a timer that fires while that clock still says "not yet" sets itself again,
 * so the clock, not the scheduler, decides. Used on the FOTA thread only.
 */
final class Deadlines {

    private final ScheduledExecutorService thread;
    private final Clock clock;
    private final Consumer<FotaJob> expired;
    private final Map<String, ScheduledFuture<?>> timers = new HashMap<>();

    /** @param expired called on the FOTA thread when a job's deadline is reached and is still its deadline */
    Deadlines(ScheduledExecutorService thread, Clock clock, Consumer<FotaJob> expired) {
        this.thread = thread;
        this.clock = clock;
        this.expired = expired;
    }

    /** (Re)arms the timer for {@code job.deadline}; none if it is null. */
    void arm(FotaJob job) {
        clear(job);
        Instant deadline = job.deadline;
        if (deadline == null) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            timers.put(job.id(), thread.schedule(() -> fire(job, deadline), delay, TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // stopping: the deadline is stored and is enforced after the next start
        }
    }

    void clear(FotaJob job) {
        ScheduledFuture<?> old = timers.remove(job.id());
        if (old != null) {
            old.cancel(false);
        }
    }

    private void fire(FotaJob job, Instant deadline) {
        if (!job.active() || !deadline.equals(job.deadline)) {
            return;
        }
        if (clock.instant().isBefore(deadline)) {
            arm(job);
            return;
        }
        timers.remove(job.id());
        expired.accept(job);
    }
}
