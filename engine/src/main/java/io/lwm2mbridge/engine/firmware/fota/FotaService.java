package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.firmware.serving.DownloadUris;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.inventory.DownloadListener;
import io.lwm2mbridge.inventory.FirmwareFile;
import io.lwm2mbridge.inventory.FirmwareInventory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.server.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs firmware updates, one job per device at a time, all on the {@link FotaThread}: Leshan callbacks,
 * download starts and API calls only queue work there, so the jobs need no locks and never block a
 * protocol thread.
 *
 * <p>A job takes a download slot ({@link Jobs}), is handed over ({@link Handover}: checks, observations of
 * State 5/x/3 and Update Result 5/x/5, the image), follows the device ({@link UpdateProgress}, deciding by
 * {@link UpdateFlow}) and ends with exactly one {@code lwm2m-firmware-update-complete}: on Update Result
 * 1 or a registration with a new firmware version (3/0/3) as a success, on a failing result, a timeout or a
 * cancel as a failure. Jobs are stored; after a restart they are picked up again when their device
 * registers, or end by their deadline.
 */
public final class FotaService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FotaService.class);

    private final FotaThread thread = new FotaThread();
    private final FotaStore store;
    private final JobChannel channel;
    private final Jobs jobs;
    private final UpdateProgress progress;
    private final Handover handover;

    /**
     * @param requests how requests reach devices; the one path, with its timing
     * @param codec how jobs are written in {@code kv} and read back ({@code FotaJobJson.CODEC})
     */
    public FotaService(DeviceRequests requests, FirmwareInventory inventory, DownloadUris uris, KeyValueStore kv,
            JobCodec codec, Runnable commit, Settings settings, EventBus bus, Endpoints endpoints, Clock clock) {
        this.store = new FotaStore(kv, codec, commit, () -> settings.integer(Settings.FOTA_JOBS_KEPT));
        this.channel = new JobChannel(requests, thread, store,
                () -> Duration.ofSeconds(settings.integer(Settings.DEVICE_TIMEOUT_S)));
        this.jobs = new Jobs(store, new FotaEvents(bus, endpoints), channel, new Targets(inventory, uris), settings,
                clock, thread, this::begin);
        this.progress = new UpdateProgress(jobs, store, channel, clock);
        this.handover = new Handover(jobs, store, progress, channel, inventory, clock);
        settings.addListener(s -> thread.post(jobs::promote));
    }

    /**
     * Loads the stored jobs and picks up those in progress: each waits for its device to register (or
     * continues at once if it is registered), and one whose deadline passed while the server was down ends
     * now with its timeout. Call once, after the LwM2M and HTTP listeners are up.
     */
    public void open() {
        List<FotaJob> stored = store.load();
        thread.post(() -> {
            jobs.pickUp(stored);
            for (FotaJob job : jobs.allActive()) {
                if (job.active() && job.phase != Phase.QUEUED) {
                    Registration reg = channel.registration(job.endpoint());
                    if (reg != null) {
                        registered(reg);
                    } else {
                        store.waiting(job, Waiting.DEVICE);
                    }
                }
            }
            jobs.promote();
            LOG.info("firmware updates: {} in progress picked up after start", jobs.allActive().size());
        });
    }

    // ------------------------------------------------------------------ requests from scripts and the API

    /**
     * Starts an update of {@code endpoint} with an inventory file name or a full URI. Completes, without
     * waiting for the device, with the new job; fails with {@link FotaException}: the endpoint is not
     * registered or has no such Firmware Update instance, the file does not exist, an option is wrong, or an
     * update of that device is already in progress.
     */
    public CompletableFuture<JobRecord> start(String endpoint, String fileOrUri, FotaOptions options) {
        CompletableFuture<JobRecord> out = new CompletableFuture<>();
        if (!thread.post(() -> {
            try {
                out.complete(jobs.create(endpoint, fileOrUri, options));
            } catch (RuntimeException e) {
                // a refusal (FotaException), or a bug: either way the caller must hear of it
                out.completeExceptionally(e);
            }
        })) {
            out.completeExceptionally(new FotaException(FotaException.Reason.CONFLICT, "the server is stopping"));
        }
        return out;
    }

    /**
     * Cancels the update in progress on {@code endpoint}: its device is told to reset (Cancel 5/x/10, or an
     * empty Package URI) and the job ends as "Firmware update cancelled". Completes with the ended job, or
     * empty when there was none; fails with a CONFLICT {@link FotaException} once Update was executed.
     */
    public CompletableFuture<Optional<JobRecord>> cancel(String endpoint) {
        CompletableFuture<Optional<JobRecord>> out = new CompletableFuture<>();
        if (!thread.post(() -> {
            try {
                out.complete(jobs.cancel(endpoint));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        })) {
            out.complete(Optional.empty());
        }
        return out;
    }

    /** Jobs in progress (oldest first), then ended ones (newest first); {@code endpoint} null for all. */
    public List<JobRecord> jobs(String endpoint, boolean activeOnly) {
        return store.list(endpoint, activeOnly);
    }

    public Optional<JobRecord> job(String id) {
        return store.find(id);
    }

    /**
     * How many jobs are kept in each state, for {@code GET /metrics}: in progress by {@link Phase} wire name
     * ({@code queued}, ..., {@code updating}), ended as {@code succeeded} or {@code failed} (the
     * {@code fota_jobs_kept} newest). Any thread.
     */
    public Map<String, Long> jobsByState() {
        return store.countByState();
    }

    /** Whether an update in progress uses that inventory file; quick and lock-free, for the delete check. */
    public boolean usesFile(String name) {
        return jobs.usesFile(name);
    }

    // ------------------------------------------------------------------ events from Leshan and downloads

    /** The listeners (observations, registrations, wake-ups) that feed this service. */
    public FotaListeners listeners() {
        return new FotaListeners(this);
    }

    /** Told by the download handlers when a device starts fetching a file at its epid URI. */
    public DownloadListener downloadListener() {
        return new DownloadListener() {
            @Override
            public void onDownloadStarted(FirmwareFile file, String endpoint, Instant when) {
                onJob(endpoint, job -> progress.downloadStarted(job, file, when));
            }

            @Override
            public void onDownloadProgress(FirmwareFile file, String endpoint, long servedUpTo) {
                onJob(endpoint, job -> progress.downloadProgress(job, file, servedUpTo));
            }
        };
    }

    void notified(Registration reg, Observation observation, int resource, Long value) {
        onJob(reg.getEndpoint(), job -> {
            if (job.observations.stream().noneMatch(o -> o.getId().equals(observation.getId()))) {
                return; // someone else's observation of the same resource, or one from an ended job
            }
            if (resource == 3) {
                progress.state(job, value);
            } else if (resource == 5) {
                progress.result(job, value);
            }
        });
    }

    void observationCancelled(Observation observation) {
        thread.post(() -> jobs.allActive().forEach(j -> j.observations.removeIf(o -> o.getId().equals(observation.getId()))));
    }

    /** A new registration: Leshan has dropped the old one's observations, so the job observes again. */
    void registered(Registration reg) {
        onJob(reg.getEndpoint(), job -> {
            if (job.phase == Phase.QUEUED) {
                return;
            }
            job.observations.clear();
            job.epoch++;
            job.pending = null;
            job.executing = false;
            store.waiting(job, null);
            switch (job.phase) {
                case STARTING -> handover.check(job, reg);
                case DOWNLOADING, DOWNLOADED, UPDATING -> handover.reattach(job, reg);
                default -> { }
            }
        });
    }

    /** A registration update, or a queue-mode device waking up: run what waited, look for a new version. */
    void heardFrom(Registration reg, boolean registrationUpdate) {
        onJob(reg.getEndpoint(), job -> {
            if (!channel.runPending(job, reg) && registrationUpdate && job.applying()) {
                progress.checkVersion(job, reg);
            }
        });
    }

    void unregistered(Registration reg) {
        onJob(reg.getEndpoint(), job -> job.observations.clear());
    }

    /** A job got its download slot. */
    private void begin(FotaJob job) {
        handover.begin(job);
    }

    /** Runs {@code work} on the FOTA thread with the endpoint's job in progress, if there is one. */
    private void onJob(String endpoint, java.util.function.Consumer<FotaJob> work) {
        thread.post(() -> {
            FotaJob job = jobs.active(endpoint);
            if (job != null) {
                work.accept(job);
            }
        });
    }

    /**
     * Stops the FOTA thread. Jobs stay stored as they are, in progress, to be picked up at the next start;
     * nothing is sent to devices and no job ends because of the stop.
     */
    @Override
    public void close() {
        thread.close();
    }
}
