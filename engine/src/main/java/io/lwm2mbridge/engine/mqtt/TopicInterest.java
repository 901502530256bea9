package io.lwm2mbridge.engine.mqtt;

import java.util.Set;

/**
 * Something that wants messages from brokers: the {@code mqtt-message} triggers, the bridge's request topics.
 * A service subscribes to the union of every interest's filters for it; when an interest's filters change it
 * calls {@link MqttConnections#interestChanged()}.
 */
@FunctionalInterface
public interface TopicInterest {

    /** The topic filters ({@code +}, {@code #} allowed) wanted from service {@code serviceKey}; empty for none. */
    Set<String> topicFilters(String serviceKey);
}
