package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.refusal.RefusedException;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.function.Supplier;

/**
 * The one mapping of a service's refusal to the error a script catches: bad input is the script's
 * {@code TypeError}, a conflict or a missing record an {@code Error}; the message is the service's words.
 */
final class RefusedCalls {

    private RefusedCalls() {}

    /** What {@code call} answers, or the script's error when the service refuses. */
    static Object call(Args args, Supplier<Object> call) throws HostCallException {
        try {
            return call.get();
        } catch (RefusedException e) {
            throw e.reason() == RefusedException.Reason.INVALID ? args.type(e.getMessage()) : args.error(e.getMessage());
        }
    }
}
