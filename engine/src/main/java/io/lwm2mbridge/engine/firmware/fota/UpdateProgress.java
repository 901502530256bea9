package io.lwm2mbridge.engine.firmware.fota;

import static io.lwm2mbridge.engine.firmware.fota.NodeValues.longValue;
import static io.lwm2mbridge.engine.firmware.fota.NodeValues.textValue;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.inventory.FirmwareFile;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps after the image was handed over: follows what the device reports (State and Update Result,
 * through {@link UpdateFlow}), executes Update (5/x/2) once the image is Downloaded, and verifies the
 * outcome, by Update Result or by a new firmware version (3/0/3) at the next registration. FOTA thread only.
 */
record UpdateProgress(Jobs jobs, FotaStore store, JobChannel channel, Clock clock) {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateProgress.class);

    /** The device reported State (5/x/3). */
    void state(FotaJob job, Long value) {
        if (value == null || !job.active()) {
            return;
        }
        job.stateCode = value.intValue();
        jobs.emitStatus(job);
        FirmwareState state = job.deviceState();
        UpdateFlow.OnState next = state == null ? UpdateFlow.OnState.NONE
                : UpdateFlow.onState(job.phase, state, job.sawDownloading, job.executed || job.executing);
        switch (next) {
            case DOWNLOADING -> {
                job.sawDownloading = true;
                markDownloading(job, clock.instant());
            }
            case DOWNLOADED -> downloaded(job);
            case EXECUTE -> execute(job);
            case UPDATING -> updating(job);
            case READ_RESULT -> readResult(job);
            case NONE -> { }
        }
        if (job.active()) {
            store.save(job, false);
        }
    }

    /** The device reported Update Result (5/x/5). */
    void result(FotaJob job, Long value) {
        if (value == null || !job.active()) {
            return;
        }
        job.resultCode = value.intValue();
        jobs.emitStatus(job);
        UpdateResult result = job.deviceResult();
        switch (UpdateFlow.onResult(job.phase, result)) {
            case SUCCEED -> jobs.finish(job, true, result.text(), job.resultCode);
            case FAIL -> jobs.finish(job, false, result.text(), job.resultCode);
            case KEEP -> store.save(job, false);
            case IGNORE -> { }
        }
    }

    private void downloaded(FotaJob job) {
        Instant now = clock.instant();
        job.phase = Phase.DOWNLOADED;
        job.dateDownloaded = now;
        if (job.dateDownloading == null) {
            job.dateDownloading = now;
        }
        jobs.setDeadline(job, Settings.FOTA_UPDATE_TIMEOUT_S);
        store.save(job, true);
        jobs.promote();
        execute(job);
    }

    private void execute(FotaJob job) {
        job.executing = true;
        channel.onDevice(job, reg -> channel.send(job, reg, new ExecuteRequest(5, job.instance(), 2), response -> {
            job.executed = true;
            updating(job);
        }, failure -> jobs.fail(job, "executing Update (" + job.path(2) + ") failed: " + failure.message(), null)));
    }

    private void updating(FotaJob job) {
        job.executed = true;
        if (job.phase == Phase.DOWNLOADED) {
            job.phase = Phase.UPDATING;
        }
        if (job.dateUpdating == null) {
            job.dateUpdating = clock.instant();
        }
        store.save(job, true);
    }

    /** Reads Update Result, when State alone does not say how the update went. */
    private void readResult(FotaJob job) {
        channel.onDevice(job, reg -> channel.send(job, reg, channel.read(reg, resultPath(job)), response -> {
            result(job, longValue(response.getContent()));
            if (job.active() && job.phase == Phase.UPDATING) {
                checkVersion(job, reg);
            }
        }, failure -> { }));
    }

    /** A registration (update) while Update runs: a new firmware version means it worked. */
    void checkVersion(FotaJob job, Registration reg) {
        channel.send(job, reg, channel.read(reg, new LwM2mPath(3, 0, 3)), response -> {
            String version = textValue(response.getContent());
            if (job.versionBefore != null && version != null && !version.equals(job.versionBefore)) {
                LOG.info("{} runs firmware {} (was {}): update {} succeeded", job.endpoint(), version,
                        job.versionBefore, job.id());
                jobs.succeed(job);
            } else {
                readResultNow(job, reg);
            }
        }, failure -> readResultNow(job, reg));
    }

    private void readResultNow(FotaJob job, Registration reg) {
        channel.send(job, reg, channel.read(reg, resultPath(job)), response -> result(job, longValue(response.getContent())),
                failure -> { });
    }

    /** A device started fetching the job's inventory file. */
    void downloadStarted(FotaJob job, FirmwareFile file, Instant when) {
        if (fetching(job, file)) {
            markDownloading(job, when);
        }
    }

    /**
     * How far the device got, for the API's view only: stored with the job at its next save, never saved
     * for this alone (a block a second would otherwise be a store write a second).
     */
    void downloadProgress(FotaJob job, FirmwareFile file, long servedUpTo) {
        if (fetching(job, file) && (job.downloadedBytes == null || servedUpTo > job.downloadedBytes)) {
            job.downloadedBytes = Math.min(servedUpTo, file.size());
            job.sizeBytes = file.size();
            store.refreshView(job);
        }
    }

    void markDownloading(FotaJob job, Instant when) {
        if (job.dateDownloading == null) {
            job.dateDownloading = when;
            store.save(job, false);
        }
    }

    private static boolean fetching(FotaJob job, FirmwareFile file) {
        return file.name().equals(job.request.file()) && (job.phase == Phase.STARTING || job.phase == Phase.DOWNLOADING);
    }

    private static LwM2mPath resultPath(FotaJob job) {
        return new LwM2mPath(5, job.instance(), 5);
    }
}
