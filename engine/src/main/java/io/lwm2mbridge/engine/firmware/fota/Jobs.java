package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.config.Settings;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.server.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jobs in progress and their lives: created one per device, given a download slot in start order
 * ({@code fota_max_concurrent_downloads}), ended exactly once (success, failure, timeout or cancel) with
 * their one {@code lwm2m-firmware-update-complete}. FOTA thread only, but {@link #usesFile}.
 */
final class Jobs {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private final FotaStore store;
    private final FotaEvents events;
    private final JobChannel channel;
    private final Targets targets;
    private final Settings settings;
    private final Clock clock;
    private final Deadlines deadlines;
    private final Consumer<FotaJob> begin;
    private final SecureRandom random = new SecureRandom();
    /** Files of jobs in progress, by job id: read by the inventory's delete check on HTTP threads. */
    private final Map<String, String> filesInUse = new ConcurrentHashMap<>();
    private final Map<String, FotaJob> active = new HashMap<>();
    private long lastSequence;

    /** @param begin hands the device its image, once the job holds a download slot */
    Jobs(FotaStore store, FotaEvents events, JobChannel channel, Targets targets, Settings settings, Clock clock,
            FotaThread thread, Consumer<FotaJob> begin) {
        this.store = store;
        this.events = events;
        this.channel = channel;
        this.targets = targets;
        this.settings = settings;
        this.clock = clock;
        this.begin = begin;
        this.deadlines = new Deadlines(thread.scheduler(), clock, job -> FotaThread.guarded(() -> onDeadline(job)));
    }

    /** The job in progress for the endpoint; null when none. */
    FotaJob active(String endpoint) {
        return active.get(endpoint);
    }

    List<FotaJob> allActive() {
        return List.copyOf(active.values());
    }

    boolean usesFile(String name) {
        return filesInUse.containsValue(name);
    }

    /** Takes back the stored jobs; a second running job of one device ends, the later one is kept. */
    void pickUp(List<FotaJob> stored) {
        for (FotaJob job : stored) {
            lastSequence = Math.max(lastSequence, job.request.sequence());
            if (!job.active()) {
                continue;
            }
            FotaJob other = active.put(job.endpoint(), job);
            if (other != null) {
                active.put(job.endpoint(), other);
                finish(other, false, "Replaced by job " + job.id() + " after a restart", null);
                active.put(job.endpoint(), job);
            }
            if (job.request.file() != null) {
                filesInUse.put(job.id(), job.request.file());
            }
            deadlines.arm(job);
        }
    }

    /** A new job, queued for a slot. @throws FotaException when the request is refused */
    JobRecord create(String endpoint, String target, FotaOptions options) throws FotaException {
        if (endpoint == null || endpoint.isBlank()) {
            throw FotaException.badRequest("the endpoint key is missing");
        }
        FotaJob running = active.get(endpoint);
        if (running != null) {
            throw new FotaException(FotaException.Reason.CONFLICT, "a firmware update of '" + endpoint
                    + "' is already in progress (job " + running.id() + ", " + running.phase.wireName() + ")");
        }
        Registration reg = channel.registration(endpoint);
        if (reg == null) {
            throw new FotaException(FotaException.Reason.NOT_FOUND, "endpoint '" + endpoint + "' is not registered");
        }
        if (!hasInstance(reg, options.instance())) {
            throw FotaException.badRequest("'" + endpoint + "' has no Firmware Update object instance /5/"
                    + options.instance());
        }
        Targets.Target t = targets.resolve(endpoint, target, options);
        FotaJob job = new FotaJob(new JobRequest(newId(), ++lastSequence, endpoint, t.file(), t.uri(), t.protocol(),
                options.delivery(), options.instance(), options.context(), options.resetUri(), options.encoding()));
        job.dateStarted = clock.instant();
        if (t.file() != null) {
            filesInUse.put(job.id(), t.file());
            if (!targets.exists(t.file())) {
                // deleted between the lookup and the in-use mark
                filesInUse.remove(job.id());
                throw Targets.missing(t.file());
            }
        }
        active.put(endpoint, job);
        store.save(job, true);
        promote();
        LOG.info("firmware update {} of {} started with {}", job.id(), endpoint, t.file() != null ? t.file() : t.uri());
        return store.view(job.id());
    }

    /** Ends the endpoint's job as cancelled; empty when none. @throws FotaException once Update was executed */
    Optional<JobRecord> cancel(String endpoint) throws FotaException {
        FotaJob job = active.get(endpoint);
        if (job == null) {
            return Optional.empty();
        }
        if (job.applying()) {
            throw new FotaException(FotaException.Reason.CONFLICT, "the firmware update of '" + endpoint
                    + "' is already being applied (Update was executed) and can no longer be cancelled");
        }
        if (job.phase == Phase.DOWNLOADING || job.phase == Phase.DOWNLOADED) {
            channel.resetDevice(job);
        }
        finish(job, false, UpdateResult.CANCELLED.text(), UpdateResult.CANCELLED.code());
        return Optional.of(store.view(job.id()));
    }

    /** Gives waiting jobs a download slot, in the order they were started. */
    void promote() {
        long max = settings.integer(Settings.FOTA_MAX_CONCURRENT_DOWNLOADS);
        long busy = active.values().stream().filter(j -> j.phase.holdsSlot()).count();
        List<FotaJob> queued = active.values().stream().filter(j -> j.phase == Phase.QUEUED)
                .sorted(Comparator.comparingLong(j -> j.request.sequence())).toList();
        for (FotaJob job : queued) {
            if (busy < max) {
                busy++;
                job.phase = Phase.STARTING;
                job.waiting = null;
                setDeadline(job, Settings.FOTA_DOWNLOAD_TIMEOUT_S);
                store.save(job, true);
                begin.accept(job);
            } else {
                store.waiting(job, Waiting.SLOT);
            }
        }
    }

    /** The job's deadline: now plus the timeout {@code setting} gives its phase. */
    void setDeadline(FotaJob job, io.lwm2mbridge.engine.config.Setting setting) {
        job.deadline = clock.instant().plus(Duration.ofSeconds(settings.integer(setting)));
        deadlines.arm(job);
    }

    /** Sends {@code lwm2m-firmware-update-status} if State or Update Result changed since the last one. */
    void emitStatus(FotaJob job) {
        if (!Objects.equals(job.stateCode, job.emittedState) || !Objects.equals(job.resultCode, job.emittedResult)) {
            job.emittedState = job.stateCode;
            job.emittedResult = job.resultCode;
            events.status(job);
        }
    }

    /** Ends the job as failed, with the device's last Update Result unless {@code code} says otherwise. */
    void fail(FotaJob job, String result, Integer code) {
        finish(job, false, result, code != null ? code : job.resultCode != null ? job.resultCode : 0);
    }

    void succeed(FotaJob job) {
        finish(job, true, UpdateResult.SUCCESS.text(), UpdateResult.SUCCESS.code());
    }

    /** Ends a job: stored, then its one complete event. Later answers and notifications find it gone. */
    void finish(FotaJob job, boolean success, String result, Integer code) {
        if (!job.active()) {
            return;
        }
        job.phase = Phase.COMPLETE;
        job.success = success;
        job.result = result;
        job.resultCode = code;
        job.dateComplete = clock.instant();
        job.deadline = null;
        job.waiting = null;
        job.pending = null;
        job.epoch++;
        deadlines.clear(job);
        channel.cancelObservations(job);
        if (active.get(job.endpoint()) == job) {
            active.remove(job.endpoint());
        }
        filesInUse.remove(job.id());
        store.save(job, true);
        events.complete(job);
        store.trim();
        promote();
        LOG.info("firmware update {} of {} ended: {}", job.id(), job.endpoint(), result);
    }

    private void onDeadline(FotaJob job) {
        String text = switch (job.phase) {
            case QUEUED, STARTING -> job.waiting == Waiting.DEVICE ? UpdateResult.TIMED_OUT_WAITING
                    : UpdateResult.TIMED_OUT_DOWNLOADING;
            case DOWNLOADING -> UpdateResult.TIMED_OUT_DOWNLOADING;
            default -> UpdateResult.TIMED_OUT_UPDATING;
        };
        LOG.info("firmware update {} of {}: {}", job.id(), job.endpoint(), text);
        fail(job, text, null);
    }

    static boolean hasInstance(Registration reg, int instance) {
        return reg.getAvailableInstances().contains(new LwM2mPath(5, instance));
    }

    private String newId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return "fw-" + HexFormat.of().formatHex(b);
    }
}
