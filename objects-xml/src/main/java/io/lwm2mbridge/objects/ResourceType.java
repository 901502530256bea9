package io.lwm2mbridge.objects;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The data type of an LwM2M resource, as spelled in the {@code <Type>} element of a DDF file. */
public enum ResourceType {
    STRING("String"),
    INTEGER("Integer"),
    UNSIGNED_INTEGER("Unsigned Integer"),
    FLOAT("Float"),
    BOOLEAN("Boolean"),
    OPAQUE("Opaque"),
    TIME("Time"),
    OBJLNK("Objlnk"),
    CORELNK("Corelnk"),
    /** No value type: what executable resources declare, written as an empty {@code <Type>}. */
    NONE("none");

    private final String ddfName;

    ResourceType(String ddfName) {
        this.ddfName = ddfName;
    }

    /** The DDF spelling, e.g. "Unsigned Integer"; {@code "none"} for {@link #NONE}. */
    public String ddfName() {
        return ddfName;
    }

    /**
     * Reads a DDF {@code <Type>} value: case-insensitive, surrounding whitespace ignored and inner
     * runs of whitespace taken as one space; {@code null} or blank means {@link #NONE}.
     *
     * @throws IllegalArgumentException for any other spelling, naming the accepted ones
     */
    public static ResourceType fromDdf(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String wanted = text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        for (ResourceType type : values()) {
            if (type.ddfName.toLowerCase(Locale.ROOT).equals(wanted)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown Type '" + text.strip() + "' (expected one of " + expected() + ")");
    }

    /** The accepted spellings, for error messages. */
    static String expected() {
        return Arrays.stream(values())
                .filter(t -> t != NONE)
                .map(ResourceType::ddfName)
                .collect(Collectors.joining(", "))
                + ", or empty for executable resources";
    }
}
