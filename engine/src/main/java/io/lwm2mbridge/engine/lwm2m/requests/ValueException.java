package io.lwm2mbridge.engine.lwm2m.requests;

import java.util.function.Supplier;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;

/**
 * A value or argument a device request cannot be built from ("value for 3/0/15 must be a String, not
 * 42"); nothing was sent. Scripts see it as a {@code TypeError}, the API as 400.
 */
public final class ValueException extends Exception {

    private static final long serialVersionUID = 1L;

    public ValueException(String message) {
        super(message);
    }

    /**
     * Builds a request, which Leshan checks as it is made (a path the operation cannot take, overlapping
     * composite paths): a refusal becomes a ValueException "cannot {@code what}: reason", as nothing was sent.
     */
    static <T> T building(String what, Supplier<T> request) throws ValueException {
        try {
            return request.get();
        } catch (InvalidRequestException e) {
            throw new ValueException("cannot " + what + ": " + e.getMessage());
        }
    }
}
