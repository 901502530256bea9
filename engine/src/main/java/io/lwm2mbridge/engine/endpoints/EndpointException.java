package io.lwm2mbridge.engine.endpoints;

/** A refused change to an endpoint record, with a message for a person; the API maps the reason to a status. */
public final class EndpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why: bad input (400), a taken key or identity (409), no such endpoint (404). */
    public enum Reason {
        INVALID,
        CONFLICT,
        NOT_FOUND
    }

    private final Reason reason;

    public EndpointException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static EndpointException invalid(String message) {
        return new EndpointException(Reason.INVALID, message);
    }

    static EndpointException notFound(String key) {
        return new EndpointException(Reason.NOT_FOUND, "no endpoint '" + key + "'");
    }
}
