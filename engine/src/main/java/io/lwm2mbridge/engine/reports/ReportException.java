package io.lwm2mbridge.engine.reports;

/** A refused report operation, with a message for a person; the API maps the reason to a status. */
public final class ReportException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why: bad input (400), the key is taken (409), no such report (404). */
    public enum Reason {
        INVALID,
        CONFLICT,
        NOT_FOUND
    }

    private final Reason reason;

    public ReportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static ReportException invalid(String message) {
        return new ReportException(Reason.INVALID, message);
    }

    static ReportException notFound(String key) {
        return new ReportException(Reason.NOT_FOUND, "no report '" + key + "'");
    }
}
