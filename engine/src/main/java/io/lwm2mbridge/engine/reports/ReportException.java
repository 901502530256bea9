package io.lwm2mbridge.engine.reports;

import io.lwm2mbridge.engine.refusal.RefusedException;

/** A refused report operation, with a message for a person; the API maps the reason to a status. */
public final class ReportException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public ReportException(Reason reason, String message) {
        super(reason, message);
    }
}
