package io.lwm2mbridge.engine.triggers;

import java.util.Map;

/** A trigger could not be stored: bad fields (400), a name already taken (409) or no such trigger (404). */
public final class TriggerException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Reason {
        INVALID,
        CONFLICT,
        NOT_FOUND
    }

    private final Reason reason;
    private final transient Map<String, Object> details;

    public TriggerException(Reason reason, String message, Map<String, Object> details) {
        super(message);
        this.reason = reason;
        this.details = details;
    }

    public Reason reason() {
        return reason;
    }

    public Map<String, Object> details() {
        return details;
    }
}
