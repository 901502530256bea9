package io.lwm2mbridge.engine.mqtt;

import java.util.concurrent.CompletableFuture;

/** Publishes through a named MQTT service; what scripts and the bridge send with. */
@FunctionalInterface
public interface MqttPublisher {

    /**
     * Sends a message through service {@code serviceKey}. While the service is disconnected the message is
     * kept (up to {@code mqtt_buffer_max} per service; beyond it the oldest kept message is shed, counted, and
     * its future fails) and sent once the connection is back.
     *
     * @return completes when the broker acknowledged it (QoS 1 and 2) or it was written to the connection
     *     (QoS 0); fails with {@link MqttException} when the service is unknown, the message was shed, or the
     *     broker refused it
     */
    CompletableFuture<Void> publish(String serviceKey, OutboundMessage message);
}
