package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.refusal.RefusedException;
import io.lwm2mbridge.engine.refusal.json.RefusalJson;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;

/** The API's answer to a refusal of the layers below it (endpoints, reports, services, triggers, ...). */
public final class Refusals {

    private Refusals() {}

    /** The API's error answer to a refusal: its status, message and details. */
    public static MutableHttpResponse<String> response(RefusedException e) {
        return ApiErrors.response(status(e.reason()), e.getMessage(), RefusalJson.details(e.details()));
    }

    private static HttpStatus status(RefusedException.Reason reason) {
        return switch (reason) {
            case CONFLICT -> HttpStatus.CONFLICT;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
        };
    }
}
