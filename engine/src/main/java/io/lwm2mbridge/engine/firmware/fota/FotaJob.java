package io.lwm2mbridge.engine.firmware.fota;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.server.registration.Registration;

/**
 * One firmware update of one device. Mutable, and touched only on the FOTA thread; what is kept across
 * restarts is its {@link #record()}, the rest (the live observations, the step waiting for the device) is
 * rebuilt when the device registers again.
 */
final class FotaJob {

    final JobRequest request;

    // where it is
    Phase phase = Phase.QUEUED;
    Integer stateCode;
    Integer resultCode;
    String versionBefore;
    boolean executed;
    boolean sawDownloading;
    Instant dateStarted;
    Instant dateDownloading;
    Instant dateDownloaded;
    Instant dateUpdating;
    Instant dateComplete;
    Instant deadline;
    Boolean success;
    String result;
    Waiting waiting;
    /** Bytes of the file sent to the device so far (the furthest it got) and the file's size; null when unknown (push, external URIs). */
    Long downloadedBytes;
    Long sizeBytes;

    // live only: rebuilt after a restart
    /** Bumped on every new registration and at the end: answers to requests of an older epoch are dropped. */
    int epoch;
    final List<Observation> observations = new ArrayList<>();
    /** The step that waits for the device to register or wake; null when none. */
    Consumer<Registration> pending;
    /** Update (5/x/2) was sent and its answer is awaited. */
    boolean executing;
    Integer emittedState;
    Integer emittedResult;

    FotaJob(JobRequest request) {
        this.request = request;
    }

    String id() {
        return request.id();
    }

    String endpoint() {
        return request.endpoint();
    }

    int instance() {
        return request.instance();
    }

    boolean active() {
        return phase != Phase.COMPLETE;
    }

    /** The device's last State; null when it sent none or one the specification does not define. */
    FirmwareState deviceState() {
        return FirmwareState.of(stateCode).orElse(null);
    }

    /** The device's last Update Result; null when it sent none or one the specification does not define. */
    UpdateResult deviceResult() {
        return UpdateResult.of(resultCode).orElse(null);
    }

    /** Whether Update was executed (or the device is updating), so the result is what remains. */
    boolean applying() {
        return phase == Phase.UPDATING || (phase == Phase.DOWNLOADED && executed);
    }

    /** "5/0/3" for resource 3 of this job's instance, as messages name it. */
    String path(int resource) {
        return "5/" + request.instance() + "/" + resource;
    }

    /** The job as it is now, to store and show. */
    JobRecord record() {
        return new JobRecord(request, phase, waiting, stateCode, resultCode,
                result != null ? result : UpdateResult.text(resultCode), success, versionBefore, downloadedBytes,
                sizeBytes, executed, sawDownloading, dateStarted, dateDownloading, dateDownloaded, dateUpdating,
                dateComplete, deadline);
    }

    /** A stored job, to carry on after a restart. */
    static FotaJob restore(JobRecord r) {
        FotaJob job = new FotaJob(r.request());
        job.phase = r.phase();
        job.waiting = r.waiting();
        job.downloadedBytes = r.downloadedBytes();
        job.sizeBytes = r.sizeBytes();
        job.stateCode = r.stateCode();
        job.resultCode = r.resultCode();
        job.success = r.success();
        job.result = r.phase() == Phase.COMPLETE ? r.result() : null;
        job.versionBefore = r.versionBefore();
        job.executed = r.executed();
        job.sawDownloading = r.sawDownloading();
        job.dateStarted = r.dateStarted();
        job.dateDownloading = r.dateDownloading();
        job.dateDownloaded = r.dateDownloaded();
        job.dateUpdating = r.dateUpdating();
        job.dateComplete = r.dateComplete();
        job.deadline = r.deadline();
        return job;
    }
}
