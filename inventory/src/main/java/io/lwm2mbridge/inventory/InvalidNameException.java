package io.lwm2mbridge.inventory;

/** Thrown when a name is not a valid inventory name; the message says which rule it breaks. */
public final class InvalidNameException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidNameException(String message) {
        super(message);
    }
}
