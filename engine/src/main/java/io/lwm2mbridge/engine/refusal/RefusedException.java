package io.lwm2mbridge.engine.refusal;

/**
 * A request a service refuses, with a message for a person and why: bad input, a conflict with
 * what exists, or nothing there. The API answers it with 400, 409 or 404 and the message; each
 * service has its own subclass so callers can tell whose refusal it is.
 */
public abstract class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the request was refused. */
    public enum Reason {
        /** Bad input (400). */
        INVALID,
        /** Conflicts with what exists, such as a taken name (409). */
        CONFLICT,
        /** No such thing (404). */
        NOT_FOUND
    }

    private final Reason reason;
    private final RefusalDetails details;

    protected RefusedException(Reason reason, String message) {
        this(reason, message, null);
    }

    protected RefusedException(Reason reason, String message, RefusalDetails details) {
        super(message);
        this.reason = reason;
        this.details = details;
    }

    public Reason reason() {
        return reason;
    }

    /** Where in the request the refusal points, for the API's {@code details}, or null. */
    public RefusalDetails details() {
        return details;
    }
}
