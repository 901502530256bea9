package io.lwm2mbridge.engine.services;

/** A refused service definition, with a message for a person; the API maps the reason to a status. */
public final class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why: bad input (400), the key is taken (409), no such service (404). */
    public enum Reason {
        INVALID,
        CONFLICT,
        NOT_FOUND
    }

    private final Reason reason;

    public ServiceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static ServiceException invalid(String message) {
        return new ServiceException(Reason.INVALID, message);
    }
}
