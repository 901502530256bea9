package io.lwm2mbridge.engine.firmware.fota;

import java.util.Locale;

/**
 * Where a job is in its life, as the server sees it (the device's own State is reported apart).
 * QUEUED waits for a download slot; STARTING checks the device and hands it the image; DOWNLOADING
 * waits for State Downloaded; DOWNLOADED executes Update; UPDATING waits for the result; COMPLETE is final.
 */
public enum Phase {
    QUEUED,
    STARTING,
    DOWNLOADING,
    DOWNLOADED,
    UPDATING,
    COMPLETE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a job in this phase holds one of the limited download slots. */
    boolean holdsSlot() {
        return this == STARTING || this == DOWNLOADING;
    }
}
