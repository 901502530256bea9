package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.store.KeyValueStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Where jobs are kept: the {@code fota} map of the embedded store, and a copy of every job's public view
 * that the API reads without waiting for the FOTA thread. Written only from the FOTA thread.
 */
final class FotaStore {

    /** Fields of the stored record that only the state machine needs. */
    private static final Set<String> INTERNAL = Set.of("sequence", "executed", "sawDownloading");

    private final KeyValueStore store;
    private final Runnable commit;
    private final LongSupplier kept;
    private final Map<String, Map<String, Object>> views = new ConcurrentHashMap<>();

    FotaStore(KeyValueStore store, Runnable commit, LongSupplier kept) {
        this.store = store;
        this.commit = commit;
        this.kept = kept;
    }

    /** Every stored job, in start order; ended ones go straight into the views. */
    @SuppressWarnings("unchecked")
    List<FotaJob> load() {
        List<FotaJob> jobs = new ArrayList<>();
        store.forEach((id, value) -> {
            if (value instanceof Map<?, ?> m) {
                FotaJob job = FotaJob.fromMap((Map<String, Object>) m);
                jobs.add(job);
                views.put(job.id, view(job.toMap()));
            }
        });
        jobs.sort(Comparator.comparingLong(j -> j.sequence));
        return jobs;
    }

    void save(FotaJob job, boolean durableNow) {
        Map<String, Object> record = job.toMap();
        store.put(job.id, record);
        views.put(job.id, view(record));
        if (durableNow) {
            commit.run();
        }
    }

    /** The API's view of a job changes (download progress) without the store being written. */
    void refreshView(FotaJob job) {
        views.put(job.id, view(job.toMap()));
    }

    Map<String, Object> view(String id) {
        return views.get(id);
    }

    Optional<Map<String, Object>> find(String id) {
        return Optional.ofNullable(id == null ? null : views.get(id));
    }

    /** Jobs in progress first (oldest first), then ended ones (most recent first). */
    List<Map<String, Object>> list(String endpoint, boolean activeOnly) {
        List<Map<String, Object>> running = new ArrayList<>();
        List<Map<String, Object>> ended = new ArrayList<>();
        for (Map<String, Object> v : views.values()) {
            if (endpoint != null && !endpoint.equals(v.get("endpoint"))) {
                continue;
            }
            if ("complete".equals(v.get("phase"))) {
                if (!activeOnly) {
                    ended.add(v);
                }
            } else {
                running.add(v);
            }
        }
        running.sort(Comparator.comparing(v -> String.valueOf(v.get("dateStarted"))));
        ended.sort(Comparator.comparing((Map<String, Object> v) -> String.valueOf(v.get("dateComplete"))).reversed());
        running.addAll(ended);
        return running;
    }

    /**
     * Jobs kept, by state: the phase of those in progress, {@code succeeded} or {@code failed} for ended
     * ones. Reads the views only, so any thread may call it.
     */
    Map<String, Long> countByState() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map<String, Object> v : views.values()) {
            String phase = String.valueOf(v.get("phase"));
            String state = "complete".equals(phase) ? (Boolean.TRUE.equals(v.get("success")) ? "succeeded" : "failed")
                    : phase;
            counts.merge(state, 1L, Long::sum);
        }
        return counts;
    }

    /** Drops the oldest ended jobs beyond the {@code fota_jobs_kept} setting. */
    void trim() {
        List<Map<String, Object>> ended = new ArrayList<>(views.values().stream()
                .filter(v -> "complete".equals(v.get("phase"))).toList());
        long excess = ended.size() - kept.getAsLong();
        if (excess <= 0) {
            return;
        }
        ended.sort(Comparator.comparing(v -> String.valueOf(v.get("dateComplete"))));
        for (int i = 0; i < excess; i++) {
            String id = (String) ended.get(i).get("id");
            views.remove(id);
            store.remove(id);
        }
    }

    private static Map<String, Object> view(Map<String, Object> record) {
        Map<String, Object> v = new LinkedHashMap<>(record);
        v.keySet().removeAll(INTERNAL);
        return v;
    }
}
