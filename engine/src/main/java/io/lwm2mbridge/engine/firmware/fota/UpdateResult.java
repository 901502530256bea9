package io.lwm2mbridge.engine.firmware.fota;

import java.util.Optional;

/**
 * The values of Update Result (5/x/5) with their texts as the LwM2M specification defines them, and our
 * own results for what the device does not report (timeouts).
 */
public enum UpdateResult {
    INITIAL("Initial value", false),
    SUCCESS("Firmware updated successfully", false),
    NOT_ENOUGH_FLASH("Not enough flash memory for the new firmware package", true),
    OUT_OF_RAM("Out of RAM during downloading process", true),
    CONNECTION_LOST("Connection lost during downloading process", true),
    INTEGRITY_CHECK_FAILURE("Integrity check failure", true),
    UNSUPPORTED_PACKAGE_TYPE("Unsupported package type", true),
    INVALID_URI("Invalid URI", true),
    UPDATE_FAILED("Firmware update failed", true),
    UNSUPPORTED_PROTOCOL("Unsupported protocol", true),
    CANCELLED("Firmware update cancelled", false),
    DEFERRED("Firmware update deferred", false);

    public static final String TIMED_OUT_DOWNLOADING = "Timed out while downloading";
    public static final String TIMED_OUT_UPDATING = "Timed out while updating";
    public static final String TIMED_OUT_WAITING = "Timed out waiting for the device";

    private final String text;
    private final boolean failure;

    UpdateResult(String text, boolean failure) {
        this.text = text;
        this.failure = failure;
    }

    /** The value of this result in 5/x/5. */
    public int code() {
        return ordinal();
    }

    /** The specification's text, e.g. "Integrity check failure". */
    public String text() {
        return text;
    }

    /** Whether the device reports with this result that the update failed (codes 2 to 9). */
    public boolean failure() {
        return failure;
    }

    /** The result a 5/x/5 value means; empty for null or a value the specification does not define. */
    public static Optional<UpdateResult> of(Integer code) {
        return code != null && code >= 0 && code < values().length ? Optional.of(values()[code]) : Optional.empty();
    }

    /** The specification's text for a value, "Update result 12" for one it does not define, null for null. */
    public static String text(Integer code) {
        if (code == null) {
            return null;
        }
        return of(code).map(UpdateResult::text).orElse("Update result " + code);
    }
}
