package io.lwm2mbridge.engine.firmware.fota;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FOTA thread: every change of every job happens on it, and it fires the phase timeouts. Leshan
 * callbacks, download starts and API calls only {@link #post} work here, so the jobs need no locks and
 * no protocol thread ever blocks on them.
 */
final class FotaThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FotaThread.class);

    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "fota");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean closed;

    FotaThread() {
        // timers of a stopped service must not hold up the stop: deadlines are stored and enforced at the next start
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setRemoveOnCancelPolicy(true);
    }

    /** The thread as a scheduler, for the deadline timers. */
    ScheduledExecutorService scheduler() {
        return thread;
    }

    /** Queues work on the FOTA thread; false when the service is stopped. */
    boolean post(Runnable work) {
        if (closed) {
            return false;
        }
        try {
            thread.execute(() -> guarded(work));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Runs work so that a bug in one step is logged and does not stop the thread. */
    static void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("firmware update step failed", e);
        }
    }

    /** Stops the thread, waiting up to 5 s for the work under way. */
    @Override
    public void close() {
        closed = true;
        thread.shutdown();
        try {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
