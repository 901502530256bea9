/**
 * Firmware updates over the air, one job per device: {@link io.lwm2mbridge.engine.firmware.fota.FotaService}
 * takes requests and Leshan's news onto one thread; {@link io.lwm2mbridge.engine.firmware.fota.Jobs} gives
 * jobs their download slots and ends them; {@link io.lwm2mbridge.engine.firmware.fota.Handover} hands the
 * device its image (pull through 5/x/1, or push through 5/x/0);
 * {@link io.lwm2mbridge.engine.firmware.fota.UpdateProgress} follows State and Update Result through the
 * pure {@link io.lwm2mbridge.engine.firmware.fota.UpdateFlow}, executes Update and verifies the outcome.
 * Requests leave through {@code lwm2m.DeviceRequests} ({@link io.lwm2mbridge.engine.firmware.fota.JobChannel});
 * a step that meets a sleeping device waits for queue mode's wake signal. Jobs are stored through a
 * {@link io.lwm2mbridge.engine.firmware.fota.JobCodec} (the JSON of {@code fota.json}) and picked up after a
 * restart.
 */
package io.lwm2mbridge.engine.firmware.fota;
