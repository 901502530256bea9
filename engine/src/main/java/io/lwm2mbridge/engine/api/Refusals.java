package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.endpoints.EndpointException;
import io.lwm2mbridge.engine.reports.ReportException;
import io.lwm2mbridge.engine.services.ServiceException;
import io.micronaut.http.HttpStatus;
import java.util.function.Supplier;

/** Turns the refusals of endpoint, report and service operations into the API's error statuses. */
final class Refusals {

    private Refusals() {}

    static <T> T map(Supplier<T> call) {
        try {
            return call.get();
        } catch (EndpointException e) {
            throw new ApiException(status(e.reason().name()), e.getMessage());
        } catch (ReportException e) {
            throw new ApiException(status(e.reason().name()), e.getMessage());
        } catch (ServiceException e) {
            throw new ApiException(status(e.reason().name()), e.getMessage());
        }
    }

    private static HttpStatus status(String reason) {
        return switch (reason) {
            case "CONFLICT" -> HttpStatus.CONFLICT;
            case "NOT_FOUND" -> HttpStatus.NOT_FOUND;
            default -> HttpStatus.BAD_REQUEST;
        };
    }
}
