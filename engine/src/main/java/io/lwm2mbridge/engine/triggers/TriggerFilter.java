package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.engine.mqtt.TopicFilter;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a trigger runs on an event: its {@code filterType} names the event's type, and
 * every {@code filterCustom} condition holds. Paths are resolved inside {@code event.data}; values
 * are compared as text; an absent field fails {@code eq}, {@code contains} and {@code exists} and
 * passes {@code ne}. An {@code mqtt-message} trigger runs only on messages of its {@code filterServiceId}
 * whose topic matches its {@code filterTopic}; an {@code mqtt-result} trigger may narrow its events the same
 * way, by either field or both.
 */
public final class TriggerFilter {

    public static final List<String> COMPARISONS = List.of("eq", "ne", "exists", "contains");

    private TriggerFilter() {}

    public static boolean matches(Trigger trigger, Event event) {
        if (!Trigger.TYPE_SCRIPT.equals(trigger.type()) || !trigger.enabled()) {
            return false;
        }
        EventType wanted = EventType.parse(trigger.filterType()).orElse(null);
        if (wanted != event.type()) {
            return false;
        }
        if (event.routing().triggerId() != null && !event.routing().triggerId().equals(trigger.id())) {
            return false;
        }
        if (wanted == EventType.GENERIC) {
            String name = event.routing().genericName();
            if (trigger.filterGeneric() == null || !trigger.filterGeneric().equals(name)) {
                return false;
            }
        }
        if ((wanted == EventType.MQTT_MESSAGE || wanted == EventType.MQTT_RESULT)
                && !mqttMatches(trigger, event.routing(), wanted == EventType.MQTT_MESSAGE)) {
            return false;
        }
        for (Map.Entry<String, Object> condition : trigger.filterCustom().entrySet()) {
            if (!(condition.getValue() instanceof Map<?, ?> rule)) {
                return false;
            }
            Object actual = resolve(EventJson.data(event), condition.getKey());
            if (!holds(String.valueOf(rule.get("comp")), rule.get("value"), actual)) {
                return false;
            }
        }
        return true;
    }

    /** The service and topic of an MQTT event against the trigger's; both are required when {@code required}. */
    private static boolean mqttMatches(Trigger trigger, Event.Routing routing, boolean required) {
        String service = trigger.filterServiceId();
        String filter = trigger.filterTopic();
        if (required && (service == null || filter == null)) {
            return false;
        }
        if (service != null && !service.equals(routing.serviceKey())) {
            return false;
        }
        return filter == null || routing.topic() != null && TopicFilter.matches(filter, routing.topic());
    }

    static boolean holds(String comp, Object expected, Object actual) {
        String wanted = expected == null ? "" : String.valueOf(expected);
        return switch (comp) {
            case "eq" -> actual != null && text(actual).equals(wanted);
            case "ne" -> actual == null || !text(actual).equals(wanted);
            case "exists" -> actual != null;
            case "contains" -> actual != null && text(actual).contains(wanted);
            default -> false;
        };
    }

    private static String text(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }

    /** Follows a dotted path through nested maps; null when any step is missing. */
    static Object resolve(Map<String, Object> root, String path) {
        Object current = root;
        for (String step : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
