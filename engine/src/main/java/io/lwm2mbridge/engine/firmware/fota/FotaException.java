package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.refusal.RefusedException;

/**
 * A firmware update request that is refused (bad option or name, unknown endpoint or file, an update
 * already in progress); the message is written for the person who asked.
 */
public final class FotaException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public FotaException(Reason reason, String message) {
        super(reason, message, null);
    }

    /** A request refused for what it says (a bad option, a missing endpoint key). */
    public static FotaException badRequest(String message) {
        return new FotaException(Reason.INVALID, message);
    }
}
