package io.lwm2mbridge.engine.mqtt;

import java.util.Map;

/**
 * A message a broker delivered on one of the topic filters a service subscribed to.
 *
 * @param serviceKey the MQTT service it came through
 * @param topic the topic it was published on
 * @param payload its bytes, as sent
 * @param qos the QoS it was delivered with (0, 1, 2)
 * @param retain whether the broker kept it as the topic's retained message
 * @param properties MQTT 5 properties ({@code contentType}, {@code responseTopic}, {@code correlationData} as text,
 *     {@code userProperties} as an object); empty over MQTT 3.1.1
 */
public record InboundMessage(String serviceKey, String topic, byte[] payload, int qos, boolean retain,
        Map<String, Object> properties) {

    public InboundMessage {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }
}
