package io.lwm2mbridge.engine.lwm2m;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.request.exception.InvalidResponseException;
import org.eclipse.leshan.core.request.exception.RequestCanceledException;
import org.eclipse.leshan.core.request.exception.RequestRejectedException;
import org.eclipse.leshan.core.request.exception.SendFailedException;
import org.eclipse.leshan.core.request.exception.TimeoutException;

/**
 * Why a request to a device did not succeed, as a type rather than as words: callers decide by the kind
 * (a FOTA job waits for a sleeping device, the REST API answers 504 for a timeout) and never by comparing
 * messages. {@link #message()} is the text scripts and REST bodies show; {@link #label()} is the short,
 * bounded name used as a metric label. It is mapped to a script error in one place ({@code host}) and to
 * an HTTP status in one place ({@code api}).
 */
public sealed interface DeviceFailure {

    /** The words scripts and API clients see ("device did not respond to the request", "coap: not found"). */
    String message();

    /** A short, bounded name for metric labels ({@code timeout}, {@code not_found}, {@code not_sent}). */
    String label();

    /** The endpoint has no registration (or it ended while the call was on its way). */
    record NotRegistered(String endpoint) implements DeviceFailure {
        @Override
        public String message() {
            return "endpoint '" + endpoint + "' is not registered";
        }

        @Override
        public String label() {
            return "not_registered";
        }
    }

    /** The endpoint is registered but has no observation with this token. */
    record NoObservation(String endpoint, String token) implements DeviceFailure {
        @Override
        public String message() {
            return "endpoint '" + endpoint + "' has no observation with token '" + token + "'";
        }

        @Override
        public String label() {
            return "no_observation";
        }
    }

    /** The device did not answer within the request's timeout. */
    record Timeout() implements DeviceFailure {
        public static final String MESSAGE = "device did not respond to the request";

        @Override
        public String message() {
            return MESSAGE;
        }

        @Override
        public String label() {
            return "timeout";
        }
    }

    /**
     * A queue-mode device is sleeping: the request could not leave and is worth trying when it wakes.
     * {@code message} says what the caller may do about it (a synchronous call is told to be asynchronous).
     */
    record Sleeping(String message) implements DeviceFailure {
        public Sleeping() {
            this("device is sleeping (queue mode)");
        }

        @Override
        public String label() {
            return "sleeping";
        }
    }

    /**
     * The device answered with an error code; {@code message} is "coap: not found", perhaps explained
     * further (a refused content format names what the device announced).
     */
    record ErrorCode(org.eclipse.leshan.core.ResponseCode code, String message) implements DeviceFailure {
        public ErrorCode(org.eclipse.leshan.core.ResponseCode code) {
            this(code, words(code));
        }

        /** "coap: not found", "coap: method not allowed": the CoAP response code in words. */
        public static String words(org.eclipse.leshan.core.ResponseCode code) {
            return "coap: " + code.getName().toLowerCase(Locale.ROOT).replace('_', ' ');
        }

        @Override
        public String label() {
            String name = code.getName();
            return name == null || name.isEmpty() || name.startsWith("UNKNOWN") ? "other_code"
                    : name.toLowerCase(Locale.ROOT);
        }
    }

    /** A value or argument that cannot be sent as given; nothing left for the device. */
    record InvalidValue(String message) implements DeviceFailure {
        @Override
        public String label() {
            return "invalid_value";
        }
    }

    /**
     * The request could not be completed for another reason: it could not be sent, was cancelled, the
     * device's response could not be decoded, or the device cannot do it (a composite operation on a LwM2M
     * 1.0 client). {@code label} is {@code not_sent}, {@code cancelled}, {@code invalid_response},
     * {@code unsupported} or {@code error}.
     */
    record NotCompleted(String label, String message) implements DeviceFailure {}

    /** The words of each failure, path to message, in the same order. */
    static Map<String, String> messages(Map<String, DeviceFailure> failures) {
        Map<String, String> out = new LinkedHashMap<>();
        failures.forEach((path, failure) -> out.put(path, failure.message()));
        return out;
    }

    /** What a Leshan request error means. */
    static DeviceFailure of(Throwable e) {
        if (e instanceof TimeoutException) {
            return new Timeout();
        }
        if (e instanceof ClientSleepingException) {
            return new Sleeping();
        }
        if (e instanceof CodecException || e instanceof InvalidResponseException) {
            return new NotCompleted("invalid_response", "invalid response from device: " + e.getMessage());
        }
        if (e instanceof RequestCanceledException) {
            return new NotCompleted("cancelled", "request cancelled: " + e.getMessage());
        }
        if (e instanceof RequestRejectedException || e instanceof SendFailedException) {
            return new NotCompleted("not_sent", "request could not be sent: " + e.getMessage());
        }
        if (e instanceof DeviceException d) {
            return d.failure();
        }
        return new NotCompleted("error", e.getMessage() == null ? e.toString() : e.getMessage());
    }
}
