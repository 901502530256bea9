package io.lwm2mbridge.engine.config;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One run-time setting: its name as the API spells it, what it does, its default, unit and bounds.
 * Declared once, next to its description, in {@link Settings#ALL}.
 *
 * @param textProblem for text settings, why a value does not fit beyond its length (null when it fits), or null
 *     when any text of the right length does
 */
public record Setting(String name, String description, Kind kind, Object defaultValue, String unit,
        long min, long max, List<String> choices, Function<String, String> textProblem) {

    /** The value types settings take. */
    public enum Kind {
        INTEGER,
        BOOLEAN,
        CHOICE,
        /** Free text of at most {@code max} characters. */
        TEXT
    }

    public Setting {
        Objects.requireNonNull(name, "name");
        choices = choices == null ? List.of() : List.copyOf(choices);
    }

    static Setting integer(String name, String description, long defaultValue, String unit, long min, long max) {
        return new Setting(name, description, Kind.INTEGER, defaultValue, unit, min, max, null, null);
    }

    static Setting bool(String name, String description, boolean defaultValue) {
        return new Setting(name, description, Kind.BOOLEAN, defaultValue, null, 0, 0, null, null);
    }

    static Setting text(String name, String description, String defaultValue, int maxLength) {
        return new Setting(name, description, Kind.TEXT, defaultValue, null, 0, maxLength, null, null);
    }

    /** Text of at most {@code maxLength} characters for which {@code problem} finds nothing wrong. */
    static Setting text(String name, String description, String defaultValue, int maxLength,
            Function<String, String> problem) {
        return new Setting(name, description, Kind.TEXT, defaultValue, null, 0, maxLength, null, problem);
    }

    static Setting choice(String name, String description, String defaultValue, List<String> choices) {
        return new Setting(name, description, Kind.CHOICE, defaultValue, null, 0, 0, choices, null);
    }

    /** Checks and normalises a value given over the API; throws with a message naming the setting. */
    public Object coerce(Object value) {
        switch (kind) {
            case INTEGER -> {
                long v;
                if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                    v = n.longValue();
                } else if (value instanceof String s && s.trim().matches("-?\\d+")) {
                    v = Long.parseLong(s.trim());
                } else {
                    throw new IllegalArgumentException(name + " must be a whole number" + unitText());
                }
                if (v < min || v > max) {
                    throw new IllegalArgumentException(name + " must be between " + min + " and " + max + unitText());
                }
                return v;
            }
            case BOOLEAN -> {
                if (value instanceof Boolean b) {
                    return b;
                }
                if ("true".equals(value) || "false".equals(value)) {
                    return Boolean.parseBoolean((String) value);
                }
                throw new IllegalArgumentException(name + " must be true or false");
            }
            case TEXT -> {
                if (!(value instanceof String s) || s.length() > max) {
                    throw new IllegalArgumentException(name + " must be text of at most " + max + " characters");
                }
                String problem = textProblem == null ? null : textProblem.apply(s);
                if (problem != null) {
                    throw new IllegalArgumentException(name + " " + problem);
                }
                return s;
            }
            default -> {
                String s = value == null ? null : String.valueOf(value);
                if (s == null || !choices.contains(s)) {
                    throw new IllegalArgumentException(name + " must be one of " + String.join(", ", choices));
                }
                return s;
            }
        }
    }

    private String unitText() {
        return unit == null ? "" : " (" + unit + ")";
    }
}
