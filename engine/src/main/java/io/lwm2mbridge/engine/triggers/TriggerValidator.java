package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.mqtt.TopicFilter;
import io.lwm2mbridge.engine.refusal.RefusalDetails;
import io.lwm2mbridge.scripting.ScriptProblem;
import io.lwm2mbridge.scripting.sandbox.ScriptSandbox;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a trigger's JSON fields as the API or an import gives them, before anything is stored: required
 * fields and their types, the filter for the event type, a unique name, and a script that compiles. Works
 * on the fields as given, since the errors name what was given.
 */
final class TriggerValidator {

    private final ScriptSandbox sandbox;

    TriggerValidator(ScriptSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /**
     * Checks the fields a trigger is to be made of.
     *
     * @param f the fields as given, with the server's own ({@code id}, {@code type}, ...) filled in
     * @param selfId the id of the trigger being changed (its own name is not a conflict), or null
     * @param all the triggers stored now
     * @throws TriggerException INVALID for a bad field, CONFLICT for a name another trigger has
     */
    void validate(Map<String, Object> f, String selfId, List<Trigger> all) {
        if (!(f.get("name") instanceof String name) || name.isBlank()) {
            throw invalid("name is required (a non-empty string)", "name");
        }
        if (name.length() > 200) {
            throw invalid("name is longer than 200 characters", "name");
        }
        for (Trigger other : all) {
            if (other.name().equals(name) && !other.id().equals(selfId)) {
                throw new TriggerException(TriggerException.Reason.CONFLICT,
                        "a trigger named '" + name + "' already exists", RefusalDetails.clash("name", other.id()));
            }
        }
        if (!(f.get("type") instanceof String type) || !List.of(Trigger.TYPE_SCRIPT, Trigger.TYPE_LIBRARY).contains(type)) {
            throw invalid("type must be 'script' or 'library'", "type");
        }
        Object def = f.get("def");
        if (def != null && !(def instanceof String)) {
            throw invalid("def must be the script's source as a string", "def");
        }
        for (String flag : List.of("enabled")) {
            if (f.get(flag) != null && !(f.get(flag) instanceof Boolean)) {
                throw invalid(flag + " must be true or false", flag);
            }
        }
        if (Trigger.TYPE_SCRIPT.equals(type)) {
            Object filterType = f.get("filterType");
            if (!(filterType instanceof String ft) || EventType.parse(ft).isEmpty()) {
                throw invalid("filterType must be one of " + Arrays.stream(EventType.values())
                        .map(EventType::wireName).toList() + " (or the dotted spelling), not " + describe(filterType),
                        "filterType");
            }
            if (EventType.parse(ft).get() == EventType.GENERIC
                    && !(f.get("filterGeneric") instanceof String g && !g.isBlank())) {
                throw invalid("a generic trigger needs filterGeneric: the name it is called by", "filterGeneric");
            }
            validateMqtt(EventType.parse(ft).get(), f);
            if (EventType.parse(ft).get() == EventType.CRON_EVENT) {
                if (f.get("filterCron") != null && !(f.get("filterCron") instanceof String)) {
                    throw invalid("filterCron must be a Quartz cron expression as a string", "filterCron");
                }
                try {
                    CronFilter.parse((String) f.get("filterCron"));
                } catch (IllegalArgumentException e) {
                    throw invalid(e.getMessage(), "filterCron");
                }
            }
        }
        validateFilterCustom(f.get("filterCustom"));
        if (def instanceof String code && !code.isBlank()) {
            Optional<ScriptProblem> problem = sandbox.checkSyntax(name, code);
            if (problem.isPresent()) {
                ScriptProblem p = problem.get();
                throw new TriggerException(TriggerException.Reason.INVALID,
                        "script does not compile: line " + p.line() + ": " + p.message(),
                        RefusalDetails.script("def", p.line(), p.column(), p.message()));
            }
        }
    }


    /**
     * An {@code mqtt-message} trigger names the service it listens on and a valid topic filter; an
     * {@code mqtt-result} trigger may name either to narrow its events. The service need not exist yet (an
     * import may bring triggers before services): until it does, nothing arrives.
     */
    private static void validateMqtt(EventType type, Map<String, Object> f) {
        if (type != EventType.MQTT_MESSAGE && type != EventType.MQTT_RESULT) {
            return;
        }
        boolean required = type == EventType.MQTT_MESSAGE;
        mqttField(f.get("filterServiceId"), "filterServiceId", required,
                "an mqtt-message trigger needs filterServiceId: the key of the MQTT service (/api/v1/services,"
                        + " type mqtt) whose messages it runs on",
                "filterServiceId must be the key of an MQTT service, not ");
        String filter = mqttField(f.get("filterTopic"), "filterTopic", required,
                "an mqtt-message trigger needs filterTopic: the topic filter it runs on ('+' matches one"
                        + " level, '#' the rest), such as sensors/+/temp",
                "filterTopic must be a topic filter ('+' and '#' allowed), not ");
        if (filter != null) {
            String problem = TopicFilter.filterProblem(filter);
            if (problem != null) {
                throw invalid("filterTopic: " + problem, "filterTopic");
            }
        }
    }

    /**
     * The value of a filter field of an MQTT trigger: non-blank text when given or required.
     *
     * @return the text, or null when not given and not required
     */
    private static String mqttField(Object value, String field, boolean required, String whenMissing,
            String whenWrong) {
        if (value == null && !required) {
            return null;
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw invalid(required ? whenMissing : whenWrong + describe(value), field);
        }
        return text;
    }

    private static void validateFilterCustom(Object filterCustom) {
        if (filterCustom == null) {
            return;
        }
        if (!(filterCustom instanceof Map<?, ?> conditions)) {
            throw invalid("filterCustom must be an object of {\"path\": {\"comp\": ..., \"value\": ...}}", "filterCustom");
        }
        for (Map.Entry<?, ?> c : conditions.entrySet()) {
            if (!(c.getValue() instanceof Map<?, ?> rule)) {
                throw invalid("filterCustom." + c.getKey() + " must be {\"comp\": ..., \"value\": ...}", "filterCustom");
            }
            if (!TriggerFilter.COMPARISONS.contains(String.valueOf(rule.get("comp")))) {
                throw invalid("filterCustom." + c.getKey() + ".comp must be one of " + TriggerFilter.COMPARISONS,
                        "filterCustom");
            }
        }
    }

    private static String describe(Object v) {
        return v == null ? "nothing" : "'" + v + "'";
    }

    private static TriggerException invalid(String message, String field) {
        return new TriggerException(TriggerException.Reason.INVALID, message, RefusalDetails.field(field));
    }
}
