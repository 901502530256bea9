package io.lwm2mbridge.engine.endpoints;

import io.lwm2mbridge.engine.refusal.RefusedException;

/** A refused change to an endpoint record, with a message for a person; the API maps the reason to a status. */
public final class EndpointException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public EndpointException(Reason reason, String message) {
        super(reason, message);
    }
}
