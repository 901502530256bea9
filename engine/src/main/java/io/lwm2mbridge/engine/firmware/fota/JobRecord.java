package io.lwm2mbridge.engine.firmware.fota;

import java.time.Duration;
import java.time.Instant;

/**
 * A job as it is stored and shown, at one moment: immutable, so the API reads it on any thread while the
 * FOTA thread goes on with the job. {@code fota.json.FotaJobJson} turns it into JSON and back.
 *
 * @param stateCode the device's last State (5/x/3), as it sent it (an unknown value stays as is)
 * @param resultCode the device's last Update Result (5/x/5), or the code the job ended with
 * @param result how the job ended, in words; null while it runs
 * @param success whether it ended well; null while it runs
 * @param executed whether Update (5/x/2) was executed
 * @param sawDownloading whether the device said Downloading, so that a later Idle means it gave up
 * @param downloadedBytes how far the device got fetching an inventory file; null when unknown
 */
public record JobRecord(JobRequest request, Phase phase, Waiting waiting, Integer stateCode, Integer resultCode,
        String result, Boolean success, String versionBefore, Long downloadedBytes, Long sizeBytes, boolean executed,
        boolean sawDownloading, Instant dateStarted, Instant dateDownloading, Instant dateDownloaded,
        Instant dateUpdating, Instant dateComplete, Instant deadline) {

    public String id() {
        return request.id();
    }

    public String endpoint() {
        return request.endpoint();
    }

    public boolean active() {
        return phase != Phase.COMPLETE;
    }

    /** Seconds from start to completion, with milliseconds; null while running. */
    public Double duration() {
        if (dateStarted == null || dateComplete == null) {
            return null;
        }
        return Duration.between(dateStarted, dateComplete).toMillis() / 1000.0;
    }
}
