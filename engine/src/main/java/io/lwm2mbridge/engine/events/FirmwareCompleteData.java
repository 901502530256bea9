package io.lwm2mbridge.engine.events;

import java.time.Instant;

/**
 * The data of {@code lwm2m-firmware-update-complete}, sent once per firmware job. Dates a job did not
 * reach are null.
 *
 * @param success whether the device runs the new firmware
 * @param result the outcome in words ("Firmware updated successfully", ...)
 * @param resultCode the Update Result resource, or null
 * @param duration seconds from start to end, or null
 * @param file the inventory file, or null for a URI given whole
 * @param uri the download URI given to the device
 * @param context the job's context, any JSON value
 */
public record FirmwareCompleteData(Boolean success, String result, Integer resultCode, Instant dateStarted,
        Instant dateDownloading, Instant dateDownloaded, Instant dateUpdating, Instant dateComplete, Double duration,
        String jobId, String file, String uri, Object context) implements EventData {}
