package io.lwm2mbridge.engine.firmware.fota;

/** The values of the firmware update State resource (5/x/3), with the names events use. */
public enum FirmwareState {
    IDLE,
    DOWNLOADING,
    DOWNLOADED,
    UPDATING;

    /** {@code idle}, {@code downloading}, ... as {@code lwm2m-firmware-update-status} carries it. */
    public static String nameOf(Integer code) {
        if (code == null) {
            return null;
        }
        return code >= 0 && code < values().length
                ? values()[code].name().toLowerCase(java.util.Locale.ROOT)
                : "unknown state " + code;
    }
}
