package io.lwm2mbridge.engine.mqtt;

/**
 * A message to publish through a service.
 *
 * @param topic a topic name (no wildcards)
 * @param payload the bytes to send
 * @param qos 0, 1 or 2
 * @param retain whether the broker keeps it as the topic's retained message
 */
public record OutboundMessage(String topic, byte[] payload, int qos, boolean retain) {

    public OutboundMessage {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
        String problem = TopicFilter.topicNameProblem(topic);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }
}
