package io.lwm2mbridge.engine.services;

import io.lwm2mbridge.engine.refusal.RefusedException;

/** A refused service definition, with a message for a person; the API maps the reason to a status. */
public final class ServiceException extends RefusedException {

    private static final long serialVersionUID = 1L;

    public ServiceException(Reason reason, String message) {
        super(reason, message);
    }

    public static ServiceException invalid(String message) {
        return new ServiceException(Reason.INVALID, message);
    }
}
