package io.lwm2mbridge.engine.mqtt;

/** Why a publish or a service's connection failed, in words for scripts, the API and logs. */
public final class MqttException extends RuntimeException {

    /** What went wrong, so callers can map it to a script error or an HTTP status without reading words. */
    public enum Reason {
        /** No MQTT service with that key. */
        UNKNOWN_SERVICE,
        /** Kept while disconnected and then shed because the bound was reached, or the service was removed. */
        SHED,
        /** The broker refused the message or the connection failed while it was in flight. */
        REFUSED
    }

    private final Reason reason;

    public MqttException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public MqttException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
