package io.lwm2mbridge.engine.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.config.Setting;
import io.lwm2mbridge.engine.config.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * GET /settings answers values only, so the settings page carries each setting's description, default,
 * unit and bounds itself (HINTS in console/js/pages/settings.js); this keeps that copy equal to
 * {@link Settings#ALL}, the one declaration.
 */
class SettingsHintsTest {

    private static final Pattern LINE = Pattern.compile("^  (\\w+): (\\{.*\\}),$", Pattern.MULTILINE);

    @Test
    void theSettingsPageDescribesEverySettingAsTheServerDeclaresIt() throws IOException {
        String page;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("console/js/pages/settings.js")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String table = page.substring(page.indexOf("export const HINTS = {"), page.indexOf("\n};", page.indexOf("export const HINTS")));
        Map<String, Map<?, ?>> hints = new LinkedHashMap<>();
        Matcher m = LINE.matcher(table);
        ObjectMapper json = new ObjectMapper();
        while (m.find()) {
            hints.put(m.group(1), json.readValue(m.group(2), Map.class));
        }
        Map<String, Map<String, Object>> declared = new LinkedHashMap<>();
        for (Setting s : Settings.ALL) {
            Map<String, Object> d = new LinkedHashMap<>();
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
                case TEXT -> d.put("max", s.max());
                default -> { }
            }
            declared.put(s.name(), d);
        }
        assertThat(hints.keySet()).as("settings the page describes").containsExactlyElementsOf(declared.keySet());
        declared.forEach((name, d) -> assertThat(normalized(hints.get(name))).as(name).isEqualTo(normalized(d)));
    }

    /** Numbers as longs, so 5000 from JSON equals 5000L from the declaration. */
    private static Map<String, Object> normalized(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Number n ? (Object) n.longValue() : v));
        return out;
    }
}
