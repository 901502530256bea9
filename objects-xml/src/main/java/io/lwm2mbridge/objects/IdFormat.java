package io.lwm2mbridge.objects;

import java.util.Locale;

/** The key format of an object tree, the {@code translateIds} option of SCRIPTING.md. */
public enum IdFormat {
    /** {@code data["3"]["0"]["0"]} */
    NUMBERS,
    /** {@code data.device["0"].manufacturer} */
    STRINGS,
    /** {@code data.device_3["0"].manufacturer_0} */
    COMBINED;

    /** The option spelling: "numbers", "strings" or "combined". */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a {@code translateIds} option, case-insensitive and trimmed.
     *
     * @return the format, or {@code null} when {@code option} is null so the caller applies its default
     * @throws IllegalArgumentException for an unknown value
     */
    public static IdFormat fromOption(String option) {
        if (option == null) {
            return null;
        }
        String wanted = option.strip().toUpperCase(Locale.ROOT);
        for (IdFormat format : values()) {
            if (format.name().equals(wanted)) {
                return format;
            }
        }
        throw new IllegalArgumentException(
                "unknown translateIds '" + option + "' (expected numbers, strings or combined)");
    }
}
