/**
 * A firmware update job as JSON: the record the store keeps and the view scripts and the API show
 * ({@link io.lwm2mbridge.engine.firmware.fota.json.FotaJobJson}). Depends on {@code fota}, which reaches it
 * only through the {@link io.lwm2mbridge.engine.firmware.fota.JobCodec} it is given.
 */
package io.lwm2mbridge.engine.firmware.fota.json;
