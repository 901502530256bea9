package io.lwm2mbridge.engine.events;

/**
 * The data of {@code lwm2m-firmware-update-status}: the device's State (5/0/3) or Update Result (5/0/5)
 * changed.
 *
 * @param state "idle", "downloading", "downloaded", "updating"
 * @param stateCode the State resource, or null before the device reported it
 * @param result the Update Result in words
 * @param resultCode the Update Result resource, or null before the device reported it
 * @param jobId the firmware job
 * @param context the job's context, any JSON value
 */
public record FirmwareStatusData(String state, Integer stateCode, String result, Integer resultCode, String jobId,
        Object context) implements EventData {}
