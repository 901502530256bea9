package io.lwm2mbridge.engine.firmware.fota;

import java.util.Locale;

/** What a job in progress is waiting for, as the API shows it in {@code waiting}. */
public enum Waiting {
    /** The device: it is not registered, or it sleeps in queue mode. */
    DEVICE,
    /** One of the {@code fota_max_concurrent_downloads} download slots. */
    SLOT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value its wire name names, or null for none. */
    public static Waiting ofWireName(Object name) {
        for (Waiting w : values()) {
            if (w.wireName().equals(name)) {
                return w;
            }
        }
        return null;
    }
}
