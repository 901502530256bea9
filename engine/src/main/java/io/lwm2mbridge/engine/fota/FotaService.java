package io.lwm2mbridge.engine.fota;

import static io.lwm2mbridge.engine.fota.NodeValues.intValue;
import static io.lwm2mbridge.engine.fota.NodeValues.longValue;
import static io.lwm2mbridge.engine.fota.NodeValues.textValue;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.firmware.DownloadUris;
import io.lwm2mbridge.engine.lwm2m.Encodings;
import io.lwm2mbridge.engine.lwm2m.RequestTiming;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.inventory.DownloadListener;
import io.lwm2mbridge.inventory.FirmwareFile;
import io.lwm2mbridge.inventory.FirmwareInventory;
import io.lwm2mbridge.inventory.FirmwareName;
import io.lwm2mbridge.inventory.InvalidNameException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs firmware updates, one job per device at a time. Every change of every job happens on one thread,
 * the FOTA thread, which also fires the phase timeouts: Leshan callbacks, download starts and API calls
 * only queue work there, so the state machine needs no locks and never blocks a protocol thread.
 *
 * <p>A job takes a download slot ({@code fota_max_concurrent_downloads}, the rest wait in start order),
 * reads the device's Firmware Update instance to check protocol (5/x/8) and delivery method (5/x/9),
 * observes State (5/x/3) and Update Result (5/x/5), hands over the image, executes Update (5/x/2) once
 * State says Downloaded, and ends with exactly one {@code lwm2m-firmware-update-complete}: on Update Result
 * 1 or a registration with a new firmware version (3/0/3) as a success, on a failing result, a timeout or a
 * cancel as a failure. Jobs are stored; after a restart they are picked up again when their device
 * registers, or end by their deadline.
 */
public final class FotaService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FotaService.class);
    private static final String NOT_FOUND = "coap: not found";

    private final Encodings encodings;
    private final DeviceLink link;
    private final FirmwareInventory inventory;
    private final DownloadUris uris;
    private final Settings settings;
    private final Clock clock;
    private final FotaEvents events;
    private final FotaStore jobs;
    private final ScheduledThreadPoolExecutor thread = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "fota");
        t.setDaemon(true);
        return t;
    });
    private final SecureRandom random = new SecureRandom();
    /** Files of jobs in progress, by job id: read by the inventory's delete check on HTTP threads. */
    private final Map<String, String> filesInUse = new ConcurrentHashMap<>();

    // FOTA thread only
    private final Map<String, FotaJob> active = new HashMap<>();
    private final Deadlines deadlines;
    private long lastSequence;
    private volatile boolean closed;

    public FotaService(org.eclipse.leshan.server.LeshanServer server, FirmwareInventory inventory, DownloadUris uris,
            KeyValueStore store, Runnable commit, Settings settings, EventBus bus, Endpoints endpoints,
            Encodings encodings, RequestTiming timing, Clock clock) {
        this.link = new DeviceLink(server, timing);
        this.encodings = encodings;
        this.inventory = inventory;
        this.uris = uris;
        this.settings = settings;
        this.clock = clock;
        this.events = new FotaEvents(bus, endpoints);
        this.jobs = new FotaStore(store, commit, () -> settings.integer(Settings.FOTA_JOBS_KEPT));
        // timers of a stopped service must not hold up the stop: deadlines are stored and enforced at the next start
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.setRemoveOnCancelPolicy(true);
        this.deadlines = new Deadlines(thread, clock, job -> guarded(() -> onDeadline(job)));
        settings.addListener(s -> post(this::promote));
    }

    /**
     * Loads the stored jobs and picks up those in progress: each waits for its device to register (or
     * continues at once if it is registered), and one whose deadline passed while the server was down ends
     * now with its timeout. Call once, after the LwM2M and HTTP listeners are up.
     */
    public void open() {
        List<FotaJob> stored = jobs.load();
        post(() -> {
            for (FotaJob job : stored) {
                lastSequence = Math.max(lastSequence, job.sequence);
                if (!job.active()) {
                    continue;
                }
                FotaJob other = active.put(job.endpoint, job);
                if (other != null) {
                    // two running jobs for one device cannot be made: keep the later, end the other clearly
                    active.put(job.endpoint, other);
                    finish(other, false, "Replaced by job " + job.id + " after a restart", null);
                    active.put(job.endpoint, job);
                }
                if (job.file != null) {
                    filesInUse.put(job.id, job.file);
                }
                deadlines.arm(job);
            }
            for (FotaJob job : List.copyOf(active.values())) {
                if (job.active() && job.phase != Phase.QUEUED) {
                    Registration reg = registration(job.endpoint);
                    if (reg != null) {
                        registered(reg);
                    } else {
                        setWaiting(job, "device");
                    }
                }
            }
            promote();
            LOG.info("firmware updates: {} in progress picked up after start", active.size());
        });
    }

    // ------------------------------------------------------------------ requests from scripts and the API

    /**
     * Starts an update of {@code endpoint} with an inventory file name or a full URI. Completes, without
     * waiting for the device, with the new job's view; fails with {@link FotaException}: the endpoint is not
     * registered or has no such Firmware Update instance, the file does not exist, an option is wrong, or an
     * update of that device is already in progress.
     */
    public CompletableFuture<Map<String, Object>> start(String endpoint, String fileOrUri, FotaOptions options) {
        CompletableFuture<Map<String, Object>> out = new CompletableFuture<>();
        if (!post(() -> {
            try {
                out.complete(create(endpoint, fileOrUri, options));
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
    public CompletableFuture<Optional<Map<String, Object>>> cancel(String endpoint) {
        CompletableFuture<Optional<Map<String, Object>>> out = new CompletableFuture<>();
        if (!post(() -> {
            try {
                out.complete(cancelJob(endpoint));
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        })) {
            out.complete(Optional.empty());
        }
        return out;
    }

    /** Jobs in progress (oldest first), then ended ones (newest first); {@code endpoint} null for all. */
    public List<Map<String, Object>> jobs(String endpoint, boolean activeOnly) {
        return jobs.list(endpoint, activeOnly);
    }

    public Optional<Map<String, Object>> job(String id) {
        return jobs.find(id);
    }

    /**
     * How many jobs are kept in each state, for {@code GET /metrics}: in progress by {@link Phase} wire name
     * ({@code queued}, ..., {@code updating}), ended as {@code succeeded} or {@code failed} (the
     * {@code fota_jobs_kept} newest). Any thread.
     */
    public Map<String, Long> jobsByState() {
        return jobs.countByState();
    }

    /** Whether an update in progress uses that inventory file; quick and lock-free, for the delete check. */
    public boolean usesFile(String name) {
        return filesInUse.containsValue(name);
    }

    // ------------------------------------------------------------------ events from Leshan and downloads

    /** Leshan listeners (observations, registrations, presence) that feed this service. */
    public FotaListeners listeners() {
        return new FotaListeners(this);
    }

    /** Told by the download handlers when a device starts fetching a file at its epid URI. */
    public DownloadListener downloadListener() {
        return new DownloadListener() {
            @Override
            public void onDownloadStarted(FirmwareFile file, String endpoint, Instant when) {
                post(() -> downloadStarted(file, endpoint, when));
            }

            @Override
            public void onDownloadProgress(FirmwareFile file, String endpoint, long servedUpTo) {
                post(() -> downloadProgress(file, endpoint, servedUpTo));
            }
        };
    }

    void notified(Registration reg, Observation observation, int resource, Long value) {
        post(() -> {
            FotaJob job = active.get(reg.getEndpoint());
            if (job == null || job.observations.stream().noneMatch(o -> o.getId().equals(observation.getId()))) {
                return; // someone else's observation of the same resource, or one from an ended job
            }
            if (resource == 3) {
                applyState(job, value);
            } else if (resource == 5) {
                applyResult(job, value);
            }
        });
    }

    void observationCancelled(Observation observation) {
        post(() -> active.values().forEach(j -> j.observations.removeIf(o -> o.getId().equals(observation.getId()))));
    }

    /** A new registration: Leshan has dropped the old one's observations, so the job observes again. */
    void registered(Registration reg) {
        post(() -> {
            FotaJob job = active.get(reg.getEndpoint());
            if (job == null || job.phase == Phase.QUEUED) {
                return;
            }
            job.observations.clear();
            job.epoch++;
            job.pending = null;
            job.executing = false;
            setWaiting(job, null);
            switch (job.phase) {
                case STARTING -> check(job, reg);
                case DOWNLOADING, DOWNLOADED, UPDATING -> reattach(job, reg);
                default -> { }
            }
        });
    }

    /** A registration update, or a queue-mode device waking up: run what waited, look for a new version. */
    void heardFrom(Registration reg, boolean registrationUpdate) {
        post(() -> {
            FotaJob job = active.get(reg.getEndpoint());
            if (job == null) {
                return;
            }
            if (job.pending != null) {
                Consumer<Registration> step = job.pending;
                job.pending = null;
                setWaiting(job, null);
                step.accept(reg);
            } else if (registrationUpdate && applying(job)) {
                checkVersion(job, reg);
            }
        });
    }

    void unregistered(Registration reg) {
        post(() -> {
            FotaJob job = active.get(reg.getEndpoint());
            if (job != null) {
                job.observations.clear();
            }
        });
    }

    // ------------------------------------------------------------------ the state machine (FOTA thread)

    private Map<String, Object> create(String endpoint, String target, FotaOptions options) throws FotaException {
        if (endpoint == null || endpoint.isBlank()) {
            throw FotaException.badRequest("the endpoint key is missing");
        }
        FotaJob running = active.get(endpoint);
        if (running != null) {
            throw new FotaException(FotaException.Reason.CONFLICT, "a firmware update of '" + endpoint
                    + "' is already in progress (job " + running.id + ", " + running.phase.wireName() + ")");
        }
        Registration reg = registration(endpoint);
        if (reg == null) {
            throw new FotaException(FotaException.Reason.NOT_FOUND, "endpoint '" + endpoint + "' is not registered");
        }
        if (!hasInstance(reg, options.instance())) {
            throw FotaException.badRequest("'" + endpoint + "' has no Firmware Update object instance /5/"
                    + options.instance());
        }
        Target t = resolve(endpoint, target, options);
        FotaJob job = new FotaJob(newId(), ++lastSequence, endpoint, t.file(), t.uri(), t.protocol(),
                options.delivery(), options.instance(), options.context(), options.resetUri(),
                FotaOptions.encodingName(options.encoding()));
        job.dateStarted = clock.instant();
        if (job.file != null) {
            filesInUse.put(job.id, job.file);
            if (inventory.get(job.file).isEmpty()) {
                // deleted between the lookup and the in-use mark
                filesInUse.remove(job.id);
                throw new FotaException(FotaException.Reason.NOT_FOUND, "no file named '" + job.file + "' in the inventory");
            }
        }
        active.put(endpoint, job);
        jobs.save(job, true);
        promote();
        LOG.info("firmware update {} of {} started with {}", job.id, endpoint, job.file != null ? job.file : job.uri);
        return jobs.view(job.id);
    }

    private record Target(String file, String uri, DownloadProtocol protocol) {}

    private Target resolve(String endpoint, String target, FotaOptions options) throws FotaException {
        if (target == null || target.isBlank()) {
            throw FotaException.badRequest("give the name of a file in the inventory or a full URI");
        }
        if (target.contains("://")) {
            URI uri;
            try {
                uri = new URI(target);
            } catch (URISyntaxException e) {
                throw FotaException.badRequest("'" + target + "' is not a valid URI: " + e.getReason());
            }
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw FotaException.badRequest("'" + target + "' is not a full URI with a scheme and a host");
            }
            if (options.delivery() == Delivery.PUSH) {
                throw FotaException.badRequest("delivery 'push' writes a file of the inventory to 5/"
                        + options.instance() + "/0; a URI can only be pulled");
            }
            // handed to the device as is: no epid, which only inventory downloads can report
            return new Target(null, target, DownloadProtocol.ofScheme(uri.getScheme()).orElse(null));
        }
        try {
            FirmwareName.requireValid(target);
        } catch (InvalidNameException e) {
            throw FotaException.badRequest(e.getMessage());
        }
        FirmwareFile file = inventory.get(target).orElseThrow(() ->
                new FotaException(FotaException.Reason.NOT_FOUND, "no file named '" + target + "' in the inventory"));
        if (options.delivery() == Delivery.PUSH) {
            return new Target(file.name(), null, null);
        }
        DownloadProtocol protocol = options.protocolOrDefault();
        String uri = uris.uri(file, protocol.scheme(), endpoint, options.noEpid()).orElseThrow(() ->
                FotaException.badRequest("this server does not serve firmware over " + protocol.scheme()
                        + " (it serves " + uris.served() + "); choose another protocol or give a full URI"));
        return new Target(file.name(), uri, protocol);
    }

    private Optional<Map<String, Object>> cancelJob(String endpoint) throws FotaException {
        FotaJob job = active.get(endpoint);
        if (job == null) {
            return Optional.empty();
        }
        if (applying(job)) {
            throw new FotaException(FotaException.Reason.CONFLICT, "the firmware update of '" + endpoint
                    + "' is already being applied (Update was executed) and can no longer be cancelled");
        }
        if (job.phase == Phase.DOWNLOADING || job.phase == Phase.DOWNLOADED) {
            resetDevice(job);
        }
        finish(job, false, UpdateResult.text(UpdateResult.CANCELLED), UpdateResult.CANCELLED);
        return Optional.of(jobs.view(job.id));
    }

    /** Gives waiting jobs a download slot, in the order they were started. */
    private void promote() {
        long max = settings.integer(Settings.FOTA_MAX_CONCURRENT_DOWNLOADS);
        long busy = active.values().stream().filter(j -> j.phase.holdsSlot()).count();
        List<FotaJob> queued = active.values().stream().filter(j -> j.phase == Phase.QUEUED)
                .sorted(Comparator.comparingLong(j -> j.sequence)).toList();
        for (FotaJob job : queued) {
            if (busy < max) {
                busy++;
                begin(job);
            } else if (!"slot".equals(job.waiting)) {
                setWaiting(job, "slot");
            }
        }
    }

    private void begin(FotaJob job) {
        job.phase = Phase.STARTING;
        job.waiting = null;
        job.deadline = clock.instant().plus(seconds(Settings.FOTA_DOWNLOAD_TIMEOUT_S));
        deadlines.arm(job);
        jobs.save(job, true);
        onDevice(job, reg -> check(job, reg));
    }

    /** Step 1: is the instance there, does the device take this protocol and delivery method? */
    private void check(FotaJob job, Registration reg) {
        if (!hasInstance(reg, job.instance)) {
            fail(job, "the device has no Firmware Update object instance /5/" + job.instance, null);
            return;
        }
        send(job, reg, read(reg, new LwM2mPath(5, job.instance)), requestTimeout(), response -> {
            if (response.getContent() instanceof LwM2mObjectInstance instance) {
                if (refused(job, instance)) {
                    return;
                }
                job.stateCode = intValue(instance.getResource(3));
                job.resultCode = intValue(instance.getResource(5));
                emitStatus(job);
            }
            readVersion(job, reg);
        }, error -> {
            if (error.equals(NOT_FOUND)) {
                fail(job, "the device has no Firmware Update object instance /5/" + job.instance, null);
            } else {
                // the checks help, but a device that cannot be read this way may still update
                LOG.debug("reading /5/{} of {} failed ({}), going on without the checks", job.instance, job.endpoint, error);
                readVersion(job, reg);
            }
        });
    }

    /** Whether the device's 5/x/8 or 5/x/9 rule this update out; the job is then ended. */
    private boolean refused(FotaJob job, LwM2mObjectInstance instance) {
        var protocols = instance.getResource(8);
        if (job.delivery == Delivery.PULL && job.protocol != null && protocols != null && protocols.isMultiInstances()) {
            List<Long> codes = protocols.getInstances().values().stream()
                    .map(r -> r.getValue() instanceof Number n ? n.longValue() : -1L).toList();
            if (!codes.contains((long) job.protocol.code())) {
                String names = String.join(", ", codes.stream().map(c -> DownloadProtocol.ofCode(c)
                        .map(DownloadProtocol::scheme).orElse("protocol " + c)).toList());
                fail(job, "Unsupported protocol: the device supports " + (names.isEmpty() ? "none" : names) + " (5/"
                        + job.instance + "/8), not " + job.protocol.scheme(), UpdateResult.UNSUPPORTED_PROTOCOL);
                return true;
            }
        }
        Integer method = intValue(instance.getResource(9));
        if (method != null && !job.delivery.supportedBy(method)) {
            fail(job, "Unsupported delivery method: the device supports " + Delivery.describeMethod(method) + " (5/"
                    + job.instance + "/9), not " + job.delivery.wireName(), null);
            return true;
        }
        return false;
    }

    /** Step 2: remember the firmware version, so a registration with another one counts as success. */
    private void readVersion(FotaJob job, Registration reg) {
        send(job, reg, read(reg, new LwM2mPath(3, 0, 3)), requestTimeout(), response -> {
            job.versionBefore = textValue(response.getContent());
            reset(job, reg);
        }, error -> reset(job, reg));
    }

    /** Step 3 (option resetUri): an empty Package URI brings the device's state machine back to Idle. */
    private void reset(FotaJob job, Registration reg) {
        if (!job.resetUri) {
            observe(job, reg, () -> deliver(job, reg));
            return;
        }
        send(job, reg, new WriteRequest(encoding(job), 5, job.instance, 1, ""), requestTimeout(),
                "resetting Package URI (" + path(job, 1) + ")", response -> observe(job, reg, () -> deliver(job, reg)));
    }

    /** Observes State, then Update Result; their first values go through the state machine too. */
    private void observe(FotaJob job, Registration reg, Runnable then) {
        send(job, reg, observe(reg, new LwM2mPath(5, job.instance, 3)), requestTimeout(),
                "observing State (" + path(job, 3) + ")",
                state -> {
                    addObservation(job, state.getObservation());
                    applyState(job, longValue(state.getContent()));
                    if (!job.active()) {
                        return;
                    }
                    send(job, reg, observe(reg, new LwM2mPath(5, job.instance, 5)), requestTimeout(),
                            "observing Update Result (" + path(job, 5) + ")", result -> {
                                addObservation(job, result.getObservation());
                                applyResult(job, longValue(result.getContent()));
                                if (job.active()) {
                                    then.run();
                                }
                            });
                });
    }

    /** Step 4: pull writes the URI to 5/x/1; push writes the image to 5/x/0 (Californium sends it block-wise). */
    private void deliver(FotaJob job, Registration reg) {
        job.phase = Phase.DOWNLOADING;
        if (job.delivery == Delivery.PULL) {
            jobs.save(job, true);
            send(job, reg, new WriteRequest(ContentFormat.TEXT, 5, job.instance, 1, job.uri), requestTimeout(),
                    "writing Package URI (" + path(job, 1) + ")", response -> { });
            return;
        }
        byte[] image;
        try (InputStream in = inventory.open(job.file)) {
            // a push needs the whole image in one request; inventory files are at most 16 MiB
            image = in.readAllBytes();
        } catch (IOException e) {
            fail(job, "the image '" + job.file + "' could not be read: " + e.getMessage(), null);
            return;
        }
        markDownloading(job, clock.instant());
        Duration left = Duration.between(clock.instant(), job.deadline);
        send(job, reg, new WriteRequest(ContentFormat.OPAQUE, 5, job.instance, 0, image), left,
                "writing Package (" + path(job, 0) + ")", response -> { });
    }

    /** After a new registration (the device restarted, or this server did): observe again and carry on. */
    private void reattach(FotaJob job, Registration reg) {
        observe(job, reg, () -> {
            boolean idle = Objects.equals(job.stateCode, 0) && (job.resultCode == null || job.resultCode == 0);
            boolean lost = job.delivery == Delivery.PUSH ? !Objects.equals(job.stateCode, 2) : idle;
            if (job.phase == Phase.DOWNLOADING && lost) {
                // a push does not survive a restart of either side, nor does a pull the device forgot: hand it over again
                deliver(job, reg);
            } else if (applying(job)) {
                checkVersion(job, reg);
            }
        });
    }

    private void applyState(FotaJob job, Long value) {
        if (value == null || !job.active()) {
            return;
        }
        int state = value.intValue();
        job.stateCode = state;
        emitStatus(job);
        switch (job.phase) {
            case DOWNLOADING -> {
                if (state == 1) {
                    job.sawDownloading = true;
                    markDownloading(job, clock.instant());
                } else if (state == 2) {
                    downloaded(job);
                } else if (state == 0 && job.sawDownloading) {
                    readResult(job);
                }
            }
            case DOWNLOADED -> {
                if (state == 3) {
                    updating(job);
                } else if (state == 2 && !job.executed && !job.executing) {
                    execute(job);
                } else if (state == 0) {
                    readResult(job);
                }
            }
            case UPDATING -> {
                if (state == 0 || state == 2) {
                    readResult(job);
                }
            }
            default -> { }
        }
        if (job.active()) {
            jobs.save(job, false);
        }
    }

    private void applyResult(FotaJob job, Long value) {
        if (value == null || !job.active()) {
            return;
        }
        int result = value.intValue();
        job.resultCode = result;
        emitStatus(job);
        boolean delivered = job.phase == Phase.DOWNLOADING || job.phase == Phase.DOWNLOADED || job.phase == Phase.UPDATING;
        if (!delivered) {
            return; // before the image was handed over, a result is left from an earlier update
        }
        if (result == UpdateResult.SUCCESS && job.phase != Phase.DOWNLOADING) {
            finish(job, true, UpdateResult.text(result), result);
        } else if (UpdateResult.isFailure(result) || result == UpdateResult.CANCELLED) {
            finish(job, false, UpdateResult.text(result), result);
        } else {
            jobs.save(job, false);
        }
    }

    private void downloaded(FotaJob job) {
        Instant now = clock.instant();
        job.phase = Phase.DOWNLOADED;
        job.dateDownloaded = now;
        if (job.dateDownloading == null) {
            job.dateDownloading = now;
        }
        job.deadline = now.plus(seconds(Settings.FOTA_UPDATE_TIMEOUT_S));
        deadlines.arm(job);
        jobs.save(job, true);
        promote();
        execute(job);
    }

    private void execute(FotaJob job) {
        job.executing = true;
        onDevice(job, reg -> send(job, reg, new ExecuteRequest(5, job.instance, 2), requestTimeout(),
                "executing Update (" + path(job, 2) + ")", response -> {
                    job.executed = true;
                    updating(job);
                }));
    }

    private void updating(FotaJob job) {
        job.executed = true;
        if (job.phase == Phase.DOWNLOADED) {
            job.phase = Phase.UPDATING;
        }
        if (job.dateUpdating == null) {
            job.dateUpdating = clock.instant();
        }
        jobs.save(job, true);
    }

    /** A Read in a format the device announced (a 1.1 client may speak neither TLV nor the Accept-less default). */
    private ReadRequest read(Registration reg, LwM2mPath path) {
        return new ReadRequest(encodings.read(reg, path, null), path, null);
    }

    /** An Observe in a format the device announced, as {@link #read}. */
    private ObserveRequest observe(Registration reg, LwM2mPath path) {
        return new ObserveRequest(encodings.read(reg, path, null), path, null);
    }

    /** Reads Update Result, when State alone does not say how the update went. */
    private void readResult(FotaJob job) {
        onDevice(job, reg -> send(job, reg, read(reg, new LwM2mPath(5, job.instance, 5)), requestTimeout(), response -> {
            applyResult(job, longValue(response.getContent()));
            if (job.active() && job.phase == Phase.UPDATING) {
                checkVersion(job, reg);
            }
        }, error -> { }));
    }

    /** A registration (update) while Update runs: a new firmware version means it worked. */
    private void checkVersion(FotaJob job, Registration reg) {
        send(job, reg, read(reg, new LwM2mPath(3, 0, 3)), requestTimeout(), response -> {
            String version = textValue(response.getContent());
            if (job.versionBefore != null && version != null && !version.equals(job.versionBefore)) {
                LOG.info("{} runs firmware {} (was {}): update {} succeeded", job.endpoint, version, job.versionBefore, job.id);
                finish(job, true, UpdateResult.text(UpdateResult.SUCCESS), UpdateResult.SUCCESS);
            } else {
                readResultNow(job, reg);
            }
        }, error -> readResultNow(job, reg));
    }

    private void readResultNow(FotaJob job, Registration reg) {
        send(job, reg, read(reg, new LwM2mPath(5, job.instance, 5)), requestTimeout(),
                response -> applyResult(job, longValue(response.getContent())), error -> { });
    }

    private void downloadStarted(FirmwareFile file, String endpoint, Instant when) {
        FotaJob job = active.get(endpoint);
        if (job != null && file.name().equals(job.file)
                && (job.phase == Phase.STARTING || job.phase == Phase.DOWNLOADING)) {
            markDownloading(job, when);
        }
    }

    /**
     * How far the device got, for the API's view only: stored with the job at its next save, never saved
     * for this alone (a block a second would otherwise be a store write a second).
     */
    private void downloadProgress(FirmwareFile file, String endpoint, long servedUpTo) {
        FotaJob job = active.get(endpoint);
        if (job != null && file.name().equals(job.file)
                && (job.phase == Phase.STARTING || job.phase == Phase.DOWNLOADING)
                && (job.downloadedBytes == null || servedUpTo > job.downloadedBytes)) {
            job.downloadedBytes = Math.min(servedUpTo, file.size());
            job.sizeBytes = file.size();
            jobs.refreshView(job);
        }
    }

    private void markDownloading(FotaJob job, Instant when) {
        if (job.dateDownloading == null) {
            job.dateDownloading = when;
            jobs.save(job, false);
        }
    }

    private void onDeadline(FotaJob job) {
        String text = switch (job.phase) {
            case QUEUED, STARTING -> "device".equals(job.waiting) ? UpdateResult.TIMED_OUT_WAITING
                    : UpdateResult.TIMED_OUT_DOWNLOADING;
            case DOWNLOADING -> UpdateResult.TIMED_OUT_DOWNLOADING;
            default -> UpdateResult.TIMED_OUT_UPDATING;
        };
        LOG.info("firmware update {} of {}: {}", job.id, job.endpoint, text);
        fail(job, text, null);
    }

    private void fail(FotaJob job, String result, Integer code) {
        finish(job, false, result, code != null ? code : job.resultCode != null ? job.resultCode : 0);
    }

    /** Ends a job: stored, then its one complete event. Later answers and notifications find it gone. */
    private void finish(FotaJob job, boolean success, String result, Integer code) {
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
        cancelObservations(job);
        if (active.get(job.endpoint) == job) {
            active.remove(job.endpoint);
        }
        filesInUse.remove(job.id);
        jobs.save(job, true);
        events.complete(job);
        jobs.trim();
        promote();
        LOG.info("firmware update {} of {} ended: {}", job.id, job.endpoint, result);
    }

    /**
     * Ends the job's observations: the device is asked to stop notifying (so it does not keep sending to
     * an observation nobody knows), then the server forgets them, whether or not the device answered.
     */
    private void cancelObservations(FotaJob job) {
        Registration reg = registration(job.endpoint);
        for (Observation o : job.observations) {
            Runnable forget = () -> {
                try {
                    link.server().getObservationService().cancelObservation(o);
                } catch (RuntimeException e) {
                    LOG.debug("cancelling observation {} failed", o, e);
                }
            };
            boolean awake = reg != null && (!reg.usesQueueMode() || link.server().getPresenceService().isClientAwake(reg));
            if (awake && o instanceof SingleObservation single) {
                link.send(reg, new CancelObservationRequest(single), requestTimeout(), reply -> forget.run());
            } else {
                forget.run();
            }
        }
        job.observations.clear();
    }

    /** Tells the device to drop the download: Cancel (5/x/10), else an empty Package URI. Best effort. */
    private void resetDevice(FotaJob job) {
        Registration reg = registration(job.endpoint);
        if (reg == null) {
            return;
        }
        link.send(reg, new ExecuteRequest(5, job.instance, 10), requestTimeout(), reply -> {
            if (!reply.ok()) {
                link.send(reg, new WriteRequest(ContentFormat.TEXT, 5, job.instance, 1, ""), requestTimeout(),
                        again -> LOG.debug("reset of {} after cancel: {}", job.endpoint, again.ok() ? "done" : again.error()));
            }
        });
    }

    // ------------------------------------------------------------------ helpers

    private <T extends LwM2mResponse> void send(FotaJob job, Registration reg, DownlinkRequest<T> request,
            Duration timeout, String what, Consumer<T> onOk) {
        send(job, reg, request, timeout, onOk, error -> fail(job, what + " failed: " + error, null));
    }

    /**
     * Sends for a job; the reply is handled on the FOTA thread, and dropped if the job has ended or been
     * re-attached since. A sleeping queue-mode device keeps the request until it wakes.
     */
    private <T extends LwM2mResponse> void send(FotaJob job, Registration reg, DownlinkRequest<T> request,
            Duration timeout, Consumer<T> onOk, Consumer<String> onError) {
        int epoch = job.epoch;
        link.send(reg, request, timeout, reply -> post(() -> {
            if (job.epoch != epoch || !job.active()) {
                return;
            }
            if (reply.asleep()) {
                job.pending = r -> send(job, r, request, timeout, onOk, onError);
                setWaiting(job, "device");
            } else if (reply.error() != null) {
                onError.accept(reply.error());
            } else {
                onOk.accept(reply.response());
            }
        }));
    }

    /** Runs {@code step} now if the device can be reached, else when it registers or wakes. */
    private void onDevice(FotaJob job, Consumer<Registration> step) {
        Registration reg = registration(job.endpoint);
        if (reg == null || (reg.usesQueueMode() && !link.server().getPresenceService().isClientAwake(reg))) {
            job.pending = step;
            setWaiting(job, "device");
            return;
        }
        setWaiting(job, null);
        step.accept(reg);
    }

    private void setWaiting(FotaJob job, String waiting) {
        if (!Objects.equals(job.waiting, waiting)) {
            job.waiting = waiting;
            jobs.save(job, false);
        }
    }

    private void emitStatus(FotaJob job) {
        if (!Objects.equals(job.stateCode, job.emittedState) || !Objects.equals(job.resultCode, job.emittedResult)) {
            job.emittedState = job.stateCode;
            job.emittedResult = job.resultCode;
            events.status(job);
        }
    }

    private void addObservation(FotaJob job, Observation observation) {
        if (observation != null) {
            job.observations.add(observation);
        }
    }

    /** Whether Update was executed (or the device is updating), so the result is what remains. */
    private static boolean applying(FotaJob job) {
        return job.phase == Phase.UPDATING || (job.phase == Phase.DOWNLOADED && job.executed);
    }

    private Registration registration(String endpoint) {
        return link.server().getRegistrationService().getByEndpoint(endpoint);
    }

    private static boolean hasInstance(Registration reg, int instance) {
        return reg.getAvailableInstances().contains(new LwM2mPath(5, instance));
    }

    private Duration requestTimeout() {
        return seconds(Settings.DEVICE_TIMEOUT_S);
    }

    private Duration seconds(io.lwm2mbridge.engine.config.Setting s) {
        return Duration.ofSeconds(settings.integer(s));
    }

    private static ContentFormat encoding(FotaJob job) {
        try {
            return FotaOptions.parse(Map.of("encoding", job.encoding == null ? "text" : job.encoding)).encoding();
        } catch (FotaException e) {
            return ContentFormat.TEXT;
        }
    }

    private static String path(FotaJob job, int resource) {
        return "5/" + job.instance + "/" + resource;
    }

    private String newId() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return "fw-" + HexFormat.of().formatHex(b);
    }

    /** Queues work on the FOTA thread; false when the service is stopped. */
    private boolean post(Runnable work) {
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

    private static void guarded(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.warn("firmware update step failed", e);
        }
    }

    /**
     * Stops the FOTA thread. Jobs stay stored as they are, in progress, to be picked up at the next start;
     * nothing is sent to devices and no job ends because of the stop.
     */
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
