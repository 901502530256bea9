package io.lwm2mbridge.scripting;

/**
 * A host function's failure as the script sees it: a JavaScript error of {@link #jsType()} whose
 * message is this exception's message, written for the person who wrote the trigger.
 */
public class HostCallException extends Exception {

    private final String jsType;

    public HostCallException(String message) {
        this(message, "Error");
    }

    public HostCallException(String message, String jsType) {
        super(message);
        this.jsType = jsType;
    }

    /** {@code Error}, {@code TypeError} or {@code RangeError}. */
    public String jsType() {
        return jsType;
    }
}
