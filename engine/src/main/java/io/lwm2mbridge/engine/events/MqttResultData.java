package io.lwm2mbridge.engine.events;

/**
 * The data of {@code mqtt-result}: {@code success} is {@code error == null}.
 *
 * @param error what went wrong, in words, or null when the publish succeeded
 * @param context the publish's context, any JSON value
 */
public record MqttResultData(String topic, String error, Object context) implements EventData {

    public boolean success() {
        return error == null;
    }
}
