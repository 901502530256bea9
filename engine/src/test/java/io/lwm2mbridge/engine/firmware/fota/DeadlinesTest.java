package io.lwm2mbridge.engine.firmware.fota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Job deadlines follow the injected clock: the scheduler only wakes them up to look at it. */
class DeadlinesTest {

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor();
    private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final List<String> expired = new CopyOnWriteArrayList<>();
    private final Deadlines deadlines = new Deadlines(thread, clock, job -> expired.add(job.id()));

    @AfterEach
    void stop() throws InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
    }

    private static FotaJob job(String id) {
        FotaJob job = new FotaJob(new JobRequest(id, 1, "dev", null, "coap://h/x", DownloadProtocol.COAP, Delivery.PULL,
                0, null, false, ContentFormat.TEXT));
        job.phase = Phase.DOWNLOADING;
        return job;
    }

    @Test
    void a_deadline_the_clock_has_passed_expires_at_once() {
        FotaJob job = job("past");
        job.deadline = clock.instant().minusSeconds(60);
        thread.execute(() -> deadlines.arm(job));
        await().atMost(Duration.ofSeconds(2)).until(() -> expired.contains("past"));
    }

    @Test
    void a_timer_that_fires_before_the_clock_says_so_waits_for_the_clock() {
        FotaJob job = job("later");
        job.deadline = clock.instant().plusMillis(30);
        thread.execute(() -> deadlines.arm(job));
        // the scheduler's 30 ms pass several times over, but the clock has not moved
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(expired::isEmpty);
        clock.advance(Duration.ofMillis(30));
        await().atMost(Duration.ofSeconds(2)).until(() -> expired.contains("later"));
        assertThat(expired).containsExactly("later");
    }

    @Test
    void a_changed_or_cleared_deadline_replaces_the_old_timer() {
        FotaJob moved = job("moved");
        moved.deadline = clock.instant().plusMillis(20);
        FotaJob cleared = job("cleared");
        cleared.deadline = clock.instant().plusMillis(20);
        thread.execute(() -> {
            deadlines.arm(moved);
            deadlines.arm(cleared);
            moved.deadline = clock.instant().plusSeconds(3600);
            deadlines.arm(moved);
            deadlines.clear(cleared);
        });
        clock.advance(Duration.ofSeconds(1));
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(expired::isEmpty);
    }

    /** A clock tests move by hand. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
