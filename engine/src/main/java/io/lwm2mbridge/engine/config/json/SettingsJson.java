package io.lwm2mbridge.engine.config.json;

import io.lwm2mbridge.engine.config.Setting;
import io.lwm2mbridge.engine.config.Settings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The settings as the API writes and reads them: values by name, the schema of each, and a change request. */
public final class SettingsJson {

    private SettingsJson() {}

    /** Every setting with its current value, by name in declaration order. */
    public static Map<String, Object> values(Settings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Setting s : Settings.ALL) {
            out.put(s.name(), settings.value(s));
        }
        return out;
    }

    /**
     * The changes a {@code PUT /settings} body asks for, each checked in body order as it is read.
     *
     * @throws IllegalArgumentException naming the unknown setting or the value that does not fit
     */
    public static Map<Setting, Object> changes(Map<String, Object> body) {
        Map<Setting, Object> out = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            Setting s = Settings.find(name);
            out.put(s, s.coerce(value));
        });
        return out;
    }

    /**
     * The setting as {@code GET /api/v1/settings/schema} describes it: name, type, description, default,
     * and the unit and bounds (integers), choices, or longest length (text) its type has.
     */
    public static Map<String, Object> schema(Setting s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", s.name());
        d.put("type", s.kind().name().toLowerCase(Locale.ROOT));
        d.put("description", s.description());
        d.put("default", s.defaultValue());
        switch (s.kind()) {
            case INTEGER -> {
                if (s.unit() != null) {
                    d.put("unit", s.unit());
                }
                d.put("min", s.min());
                d.put("max", s.max());
            }
            case CHOICE -> d.put("choices", s.choices());
            case TEXT -> d.put("maxLength", s.max());
            case BOOLEAN -> { }
        }
        return d;
    }
}
