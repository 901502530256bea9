package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.refusal.RefusalDetails;
import io.lwm2mbridge.engine.refusal.RefusedException;

/** A trigger could not be stored: bad fields (400), a name already taken (409) or no such trigger (404). */
public final class TriggerException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public TriggerException(Reason reason, String message, RefusalDetails details) {
        super(reason, message, details);
    }
}
