package io.lwm2mbridge.engine.firmware.fota;

import java.util.Map;

/**
 * How jobs are kept in the store: each written as a JSON value and read back after a restart. The codec
 * is {@code fota.json.FotaJobJson#CODEC}; the service is given it so the state machine needs no field names.
 */
public interface JobCodec {

    /** The job as the store keeps it (a JSON object). */
    Object write(JobRecord job);

    /** A stored job read back. */
    JobRecord read(Map<?, ?> stored);
}
