package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.store.KeyValueStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Where jobs are kept: the {@code fota} map of the embedded store (written by a {@link JobCodec}), and
 * the latest {@link JobRecord} of every job, which the API reads without waiting for the FOTA thread.
 * Written only from the FOTA thread.
 */
final class FotaStore {

    private static final Comparator<Instant> NULLS_LAST = Comparator.nullsLast(Comparator.naturalOrder());

    private final KeyValueStore store;
    private final JobCodec codec;
    private final Runnable commit;
    private final LongSupplier kept;
    private final Map<String, JobRecord> views = new ConcurrentHashMap<>();

    FotaStore(KeyValueStore store, JobCodec codec, Runnable commit, LongSupplier kept) {
        this.store = store;
        this.codec = codec;
        this.commit = commit;
        this.kept = kept;
    }

    /** Every stored job, in start order; ended ones go straight into the views. */
    List<FotaJob> load() {
        List<FotaJob> jobs = new ArrayList<>();
        store.forEach((id, value) -> {
            if (value instanceof Map<?, ?> m) {
                FotaJob job = FotaJob.restore(codec.read(m));
                jobs.add(job);
                views.put(job.id(), job.record());
            }
        });
        jobs.sort(Comparator.comparingLong(j -> j.request.sequence()));
        return jobs;
    }

    void save(FotaJob job, boolean durableNow) {
        JobRecord record = job.record();
        store.put(job.id(), codec.write(record));
        views.put(job.id(), record);
        if (durableNow) {
            commit.run();
        }
    }

    /** Sets what the job waits for, stored if it changed. */
    void waiting(FotaJob job, Waiting waiting) {
        if (job.waiting != waiting) {
            job.waiting = waiting;
            save(job, false);
        }
    }

    /** The API's view of a job changes (download progress) without the store being written. */
    void refreshView(FotaJob job) {
        views.put(job.id(), job.record());
    }

    JobRecord view(String id) {
        return views.get(id);
    }

    Optional<JobRecord> find(String id) {
        return Optional.ofNullable(id == null ? null : views.get(id));
    }

    /** Jobs in progress first (oldest first), then ended ones (most recent first). */
    List<JobRecord> list(String endpoint, boolean activeOnly) {
        List<JobRecord> running = new ArrayList<>();
        List<JobRecord> ended = new ArrayList<>();
        for (JobRecord v : views.values()) {
            if (endpoint != null && !endpoint.equals(v.endpoint())) {
                continue;
            }
            if (v.active()) {
                running.add(v);
            } else if (!activeOnly) {
                ended.add(v);
            }
        }
        running.sort(Comparator.comparing(JobRecord::dateStarted, NULLS_LAST));
        ended.sort(Comparator.comparing(JobRecord::dateComplete, NULLS_LAST).reversed());
        running.addAll(ended);
        return running;
    }

    /**
     * Jobs kept, by state: the phase of those in progress, {@code succeeded} or {@code failed} for ended
     * ones. Reads the views only, so any thread may call it.
     */
    Map<String, Long> countByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (JobRecord v : views.values()) {
            String state = v.active() ? v.phase().wireName() : Boolean.TRUE.equals(v.success()) ? "succeeded" : "failed";
            counts.merge(state, 1L, Long::sum);
        }
        return counts;
    }

    /** Drops the oldest ended jobs beyond the {@code fota_jobs_kept} setting. */
    void trim() {
        List<JobRecord> ended = new ArrayList<>(views.values().stream().filter(v -> !v.active()).toList());
        long excess = ended.size() - kept.getAsLong();
        if (excess <= 0) {
            return;
        }
        ended.sort(Comparator.comparing(JobRecord::dateComplete, NULLS_LAST));
        for (int i = 0; i < excess; i++) {
            String id = Objects.requireNonNull(ended.get(i).id());
            views.remove(id);
            store.remove(id);
        }
    }
}
