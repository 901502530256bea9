package io.lwm2mbridge.engine.scheduling;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that runs the periodic checks ({@link CronEvents#tick()},
 * {@link MissingEndpoints#check()}) at a fixed rate. A check that throws is logged and runs again at
 * its next beat; checks must be quick, since they share the thread.
 */
public final class Heartbeat implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Heartbeat.class);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scheduler");
        t.setDaemon(true);
        return t;
    });

    public void every(Duration period, String name, Runnable check) {
        thread.scheduleAtFixedRate(() -> {
            try {
                check.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed", name, e);
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
