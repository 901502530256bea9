package io.lwm2mbridge.engine.firmware.fota;

import static io.lwm2mbridge.engine.firmware.fota.NodeValues.intValue;
import static io.lwm2mbridge.engine.firmware.fota.NodeValues.longValue;
import static io.lwm2mbridge.engine.firmware.fota.NodeValues.textValue;

import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.inventory.FirmwareInventory;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that hand the device its image, once the job holds a download slot: check the Firmware
 * Update instance (protocol 5/x/8, delivery method 5/x/9), remember the firmware version (3/0/3), reset
 * Package URI if asked, observe State and Update Result, then deliver: pull writes the URI to 5/x/1, push
 * writes the image to 5/x/0. After a new registration the job observes again and carries on. FOTA thread only.
 */
record Handover(Jobs jobs, FotaStore store, UpdateProgress progress, JobChannel channel,
        FirmwareInventory inventory, Clock clock) {

    private static final Logger LOG = LoggerFactory.getLogger(Handover.class);

    /** The job got its slot: starts as soon as the device can be reached. */
    void begin(FotaJob job) {
        channel.onDevice(job, reg -> check(job, reg));
    }

    /** Step 1: is the instance there, does the device take this protocol and delivery method? */
    void check(FotaJob job, Registration reg) {
        if (!Jobs.hasInstance(reg, job.instance())) {
            jobs.fail(job, "the device has no Firmware Update object instance /5/" + job.instance(), null);
            return;
        }
        channel.send(job, reg, channel.read(reg, new LwM2mPath(5, job.instance())), response -> {
            if (response.getContent() instanceof LwM2mObjectInstance instance) {
                if (refused(job, instance)) {
                    return;
                }
                job.stateCode = intValue(instance.getResource(3));
                job.resultCode = intValue(instance.getResource(5));
                jobs.emitStatus(job);
            }
            readVersion(job, reg);
        }, failure -> {
            if (failure instanceof DeviceFailure.ErrorCode e && e.code() == ResponseCode.NOT_FOUND) {
                jobs.fail(job, "the device has no Firmware Update object instance /5/" + job.instance(), null);
            } else {
                // the checks help, but a device that cannot be read this way may still update
                LOG.debug("reading /5/{} of {} failed ({}), going on without the checks", job.instance(),
                        job.endpoint(), failure.message());
                readVersion(job, reg);
            }
        });
    }

    /** Whether the device's 5/x/8 or 5/x/9 rule this update out; the job is then ended. */
    private boolean refused(FotaJob job, LwM2mObjectInstance instance) {
        JobRequest q = job.request;
        var protocols = instance.getResource(8);
        if (q.delivery() == Delivery.PULL && q.protocol() != null && protocols != null && protocols.isMultiInstances()) {
            List<Long> codes = protocols.getInstances().values().stream()
                    .map(r -> r.getValue() instanceof Number n ? n.longValue() : -1L).toList();
            if (!codes.contains((long) q.protocol().code())) {
                String names = String.join(", ", codes.stream().map(c -> DownloadProtocol.ofCode(c)
                        .map(DownloadProtocol::scheme).orElse("protocol " + c)).toList());
                jobs.fail(job, "Unsupported protocol: the device supports " + (names.isEmpty() ? "none" : names)
                        + " (5/" + q.instance() + "/8), not " + q.protocol().scheme(),
                        UpdateResult.UNSUPPORTED_PROTOCOL.code());
                return true;
            }
        }
        Integer method = intValue(instance.getResource(9));
        if (method != null && !q.delivery().supportedBy(method)) {
            jobs.fail(job, "Unsupported delivery method: the device supports " + Delivery.describeMethod(method)
                    + " (5/" + q.instance() + "/9), not " + q.delivery().wireName(), null);
            return true;
        }
        return false;
    }

    /** Step 2: remember the firmware version, so a registration with another one counts as success. */
    private void readVersion(FotaJob job, Registration reg) {
        channel.send(job, reg, channel.read(reg, new LwM2mPath(3, 0, 3)), response -> {
            job.versionBefore = textValue(response.getContent());
            reset(job, reg);
        }, failure -> reset(job, reg));
    }

    /** Step 3 (option resetUri): an empty Package URI brings the device's state machine back to Idle. */
    private void reset(FotaJob job, Registration reg) {
        if (!job.request.resetUri()) {
            observe(job, reg, () -> deliver(job, reg));
            return;
        }
        send(job, reg, new WriteRequest(job.request.encoding(), 5, job.instance(), 1, ""),
                "resetting Package URI (" + job.path(1) + ")", response -> observe(job, reg, () -> deliver(job, reg)));
    }

    /** Observes State, then Update Result; their first values go through the state machine too. */
    private void observe(FotaJob job, Registration reg, Runnable then) {
        send(job, reg, channel.observe(reg, new LwM2mPath(5, job.instance(), 3)),
                "observing State (" + job.path(3) + ")", state -> {
                    addObservation(job, state.getObservation());
                    progress.state(job, longValue(state.getContent()));
                    if (!job.active()) {
                        return;
                    }
                    send(job, reg, channel.observe(reg, new LwM2mPath(5, job.instance(), 5)),
                            "observing Update Result (" + job.path(5) + ")", result -> {
                                addObservation(job, result.getObservation());
                                progress.result(job, longValue(result.getContent()));
                                if (job.active()) {
                                    then.run();
                                }
                            });
                });
    }

    /** Step 4: pull writes the URI to 5/x/1; push writes the image to 5/x/0 (Californium sends it block-wise). */
    private void deliver(FotaJob job, Registration reg) {
        job.phase = Phase.DOWNLOADING;
        if (job.request.delivery() == Delivery.PULL) {
            store.save(job, true);
            send(job, reg, new WriteRequest(ContentFormat.TEXT, 5, job.instance(), 1, job.request.uri()),
                    "writing Package URI (" + job.path(1) + ")", response -> { });
            return;
        }
        byte[] image;
        try (InputStream in = inventory.open(job.request.file())) {
            // a push needs the whole image in one request; inventory files are at most 16 MiB
            image = in.readAllBytes();
        } catch (IOException e) {
            jobs.fail(job, "the image '" + job.request.file() + "' could not be read: " + e.getMessage(), null);
            return;
        }
        progress.markDownloading(job, clock.instant());
        Duration left = Duration.between(clock.instant(), job.deadline);
        String what = "writing Package (" + job.path(0) + ")";
        channel.send(job, reg, new WriteRequest(ContentFormat.OPAQUE, 5, job.instance(), 0, image), left,
                response -> { }, failure -> failed(job, what, failure));
    }

    /** After a new registration (the device restarted, or this server did): observe again and carry on. */
    void reattach(FotaJob job, Registration reg) {
        observe(job, reg, () -> {
            boolean idle = job.deviceState() == FirmwareState.IDLE
                    && (job.resultCode == null || job.deviceResult() == UpdateResult.INITIAL);
            boolean lost = job.request.delivery() == Delivery.PUSH ? job.deviceState() != FirmwareState.DOWNLOADED : idle;
            if (job.phase == Phase.DOWNLOADING && lost) {
                // a push does not survive a restart of either side, nor does a pull the device forgot: hand it over again
                deliver(job, reg);
            } else if (job.applying()) {
                progress.checkVersion(job, reg);
            }
        });
    }

    /** Sends a step that the update cannot do without: its failure ends the job. */
    private <T extends LwM2mResponse> void send(FotaJob job, Registration reg, DownlinkRequest<T> request, String what,
            Consumer<T> onOk) {
        channel.send(job, reg, request, onOk, failure -> failed(job, what, failure));
    }

    private void failed(FotaJob job, String what, DeviceFailure failure) {
        jobs.fail(job, what + " failed: " + failure.message(), null);
    }

    private static void addObservation(FotaJob job, Observation observation) {
        if (observation != null) {
            job.observations.add(observation);
        }
    }
}
