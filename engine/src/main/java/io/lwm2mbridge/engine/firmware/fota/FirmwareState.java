package io.lwm2mbridge.engine.firmware.fota;

import java.util.Locale;
import java.util.Optional;

/** The values of the firmware update State resource (5/x/3), with the names events use. */
public enum FirmwareState {
    IDLE,
    DOWNLOADING,
    DOWNLOADED,
    UPDATING;

    /** The value of this state in 5/x/3. */
    public int code() {
        return ordinal();
    }

    /** The state a 5/x/3 value means; empty for null or a value the specification does not define. */
    public static Optional<FirmwareState> of(Integer code) {
        return code != null && code >= 0 && code < values().length ? Optional.of(values()[code]) : Optional.empty();
    }

    /** {@code idle}, {@code downloading}, ... as {@code lwm2m-firmware-update-status} carries it. */
    public static String nameOf(Integer code) {
        if (code == null) {
            return null;
        }
        return of(code).map(s -> s.name().toLowerCase(Locale.ROOT)).orElse("unknown state " + code);
    }
}
