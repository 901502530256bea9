package io.lwm2mbridge.scripting;

/**
 * A host function's failure as the script sees it: a JavaScript error of {@link #jsType()} whose
 * message is this exception's message, written for the person who wrote the trigger.
 */
public class HostCallException extends Exception {

    /** The JavaScript error types host functions throw. */
    public static final String ERROR = "Error";
    public static final String TYPE_ERROR = "TypeError";
    public static final String RANGE_ERROR = "RangeError";

    private final String jsType;

    public HostCallException(String message) {
        this(message, ERROR);
    }

    public HostCallException(String message, String jsType) {
        super(message);
        this.jsType = jsType;
    }

    /** A {@code TypeError}: an argument of the wrong type or shape. */
    public static HostCallException typeError(String message) {
        return new HostCallException(message, TYPE_ERROR);
    }

    /** A {@code RangeError}: an argument of the right type outside its allowed range. */
    public static HostCallException rangeError(String message) {
        return new HostCallException(message, RANGE_ERROR);
    }

    /** {@code Error}, {@code TypeError} or {@code RangeError}. */
    public String jsType() {
        return jsType;
    }
}
