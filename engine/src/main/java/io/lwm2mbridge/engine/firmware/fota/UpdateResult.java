package io.lwm2mbridge.engine.firmware.fota;

/**
 * The texts of Update Result (5/x/5) codes as the LwM2M specification defines them, and our own results
 * for what the device does not report (timeouts, refusals).
 */
public final class UpdateResult {

    public static final int INITIAL = 0;
    public static final int SUCCESS = 1;
    public static final int UNSUPPORTED_PROTOCOL = 9;
    public static final int CANCELLED = 10;
    public static final int DEFERRED = 11;

    public static final String TIMED_OUT_DOWNLOADING = "Timed out while downloading";
    public static final String TIMED_OUT_UPDATING = "Timed out while updating";
    public static final String TIMED_OUT_WAITING = "Timed out waiting for the device";

    private static final String[] TEXTS = {
        "Initial value",
        "Firmware updated successfully",
        "Not enough flash memory for the new firmware package",
        "Out of RAM during downloading process",
        "Connection lost during downloading process",
        "Integrity check failure",
        "Unsupported package type",
        "Invalid URI",
        "Firmware update failed",
        "Unsupported protocol",
        "Firmware update cancelled",
        "Firmware update deferred",
    };

    private UpdateResult() {}

    /** The specification's text for a code, e.g. 5: "Integrity check failure". */
    public static String text(Integer code) {
        if (code == null) {
            return null;
        }
        return code >= 0 && code < TEXTS.length ? TEXTS[code] : "Update result " + code;
    }

    /** Whether the device reports with this code that the update failed (2 to 9). */
    static boolean isFailure(int code) {
        return code >= 2 && code <= 9;
    }
}
