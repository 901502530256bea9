package io.lwm2mbridge.engine.lwm2m.requests;

/**
 * A value or argument a device request cannot be built from ("value for 3/0/15 must be a String, not
 * 42"); nothing was sent. Scripts see it as a {@code TypeError}, the API as 400.
 */
public final class ValueException extends Exception {

    private static final long serialVersionUID = 1L;

    public ValueException(String message) {
        super(message);
    }
}
