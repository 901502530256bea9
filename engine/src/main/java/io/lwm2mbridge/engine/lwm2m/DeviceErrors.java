package io.lwm2mbridge.engine.lwm2m;

import java.util.Locale;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.node.codec.CodecException;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.request.exception.InvalidResponseException;
import org.eclipse.leshan.core.request.exception.RequestCanceledException;
import org.eclipse.leshan.core.request.exception.RequestRejectedException;
import org.eclipse.leshan.core.request.exception.SendFailedException;
import org.eclipse.leshan.core.request.exception.TimeoutException;

/** The words scripts see for what went wrong with a device request. */
public final class DeviceErrors {

    public static final String NO_RESPONSE = "device did not respond to the request";

    private DeviceErrors() {}

    /** "coap: not found", "coap: method not allowed", ...: the CoAP response code in words. */
    public static String of(ResponseCode code) {
        return "coap: " + code.getName().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /**
     * A short, bounded name for how a request ended, for metric labels: {@code success}, the CoAP code's
     * name ({@code not_found}, {@code method_not_allowed}), or {@code other_code} for a code Leshan does not name.
     */
    public static String label(ResponseCode code) {
        if (code.isSuccess()) {
            return "success";
        }
        String name = code.getName();
        return name == null || name.isEmpty() || name.startsWith("UNKNOWN") ? "other_code" : name.toLowerCase(Locale.ROOT);
    }

    /**
     * A short, bounded name for why a request got no response, for metric labels: {@code timeout},
     * {@code sleeping}, {@code invalid_response}, {@code cancelled}, {@code not_sent} or {@code error}.
     */
    public static String label(Throwable e) {
        if (e instanceof TimeoutException) {
            return "timeout";
        }
        if (e instanceof ClientSleepingException) {
            return "sleeping";
        }
        if (e instanceof CodecException || e instanceof InvalidResponseException) {
            return "invalid_response";
        }
        if (e instanceof RequestCanceledException) {
            return "cancelled";
        }
        if (e instanceof RequestRejectedException || e instanceof SendFailedException) {
            return "not_sent";
        }
        return "error";
    }

    public static String of(Throwable e) {
        if (e instanceof TimeoutException) {
            return NO_RESPONSE;
        }
        if (e instanceof ClientSleepingException) {
            return "device is sleeping (queue mode)";
        }
        if (e instanceof CodecException || e instanceof InvalidResponseException) {
            return "invalid response from device: " + e.getMessage();
        }
        if (e instanceof RequestCanceledException) {
            return "request cancelled: " + e.getMessage();
        }
        if (e instanceof RequestRejectedException || e instanceof SendFailedException) {
            return "request could not be sent: " + e.getMessage();
        }
        if (e instanceof DeviceException) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
