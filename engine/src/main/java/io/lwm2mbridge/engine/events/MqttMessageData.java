package io.lwm2mbridge.engine.events;

import java.util.Map;

/**
 * The data of {@code mqtt-message}.
 *
 * @param payload the parsed JSON value, else the UTF-8 text, else the bytes ({@code byte[]})
 * @param properties the MQTT 5 properties by name
 */
public record MqttMessageData(String topic, Object payload, int qos, boolean retain, Map<String, Object> properties)
        implements EventData {}
