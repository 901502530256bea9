package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.mqtt.TopicFilter;
import io.lwm2mbridge.engine.mqtt.TopicInterest;
import java.util.Set;
import java.util.TreeSet;

/**
 * The topics the started {@code mqtt-message} triggers filter on, per service: what each MQTT service
 * subscribes to for them. Read from the trigger list as it is at each call, so registering it once and
 * calling {@code MqttConnections.interestChanged()} on every trigger change ({@link TriggerService#onChanged})
 * keeps the subscriptions in step: a stopped or deleted trigger's topic is unsubscribed unless another
 * trigger still wants it.
 *
 * <p>A filter that another one covers is left out ({@code sensors/+/temp} beside {@code sensors/#}): brokers
 * deliver a message once per matching subscription, so overlapping subscriptions would bring each message
 * twice, and every trigger on it would run twice. {@link TriggerFilter} then picks, per trigger, the messages
 * its own {@code filterTopic} matches.
 */
public final class TriggerTopics implements TopicInterest {

    private final TriggerService triggers;

    public TriggerTopics(TriggerService triggers) {
        this.triggers = triggers;
    }

    @Override
    public Set<String> topicFilters(String serviceKey) {
        Set<String> filters = new TreeSet<>();
        for (Trigger t : triggers.candidates(EventType.MQTT_MESSAGE)) {
            String filter = t.filterTopic();
            // a trigger stored before its fields were checked is left out rather than break the subscription
            if (serviceKey.equals(t.filterServiceId()) && filter != null && TopicFilter.filterProblem(filter) == null) {
                filters.add(filter);
            }
        }
        return TopicFilter.withoutCovered(filters);
    }

    /**
     * Whether a started {@code mqtt-message} trigger of service {@code serviceKey} filters on {@code topic}:
     * a message no trigger wants (one for the MQTT bridge, say, on the same connection) becomes no event.
     */
    public boolean wants(String serviceKey, String topic) {
        for (Trigger t : triggers.candidates(EventType.MQTT_MESSAGE)) {
            String filter = t.filterTopic();
            if (serviceKey.equals(t.filterServiceId()) && filter != null && TopicFilter.matches(filter, topic)) {
                return true;
            }
        }
        return false;
    }
}
