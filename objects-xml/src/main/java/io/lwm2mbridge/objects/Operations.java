package io.lwm2mbridge.objects;

import java.util.Locale;

/** What an LwM2M server may do with a resource, from the DDF {@code <Operations>} element. */
public enum Operations {
    /** Empty {@code <Operations>}: only the bootstrap server touches it (the Security object, 0). */
    NONE(""),
    R("R"),
    W("W"),
    RW("RW"),
    E("E");

    private final String ddfName;

    Operations(String ddfName) {
        this.ddfName = ddfName;
    }

    /** The DDF spelling; empty for {@link #NONE}. */
    public String ddfName() {
        return ddfName;
    }

    public boolean isReadable() {
        return this == R || this == RW;
    }

    public boolean isWritable() {
        return this == W || this == RW;
    }

    public boolean isExecutable() {
        return this == E;
    }

    /**
     * Reads a DDF {@code <Operations>} value, case-insensitive and trimmed; {@code null}, blank or
     * "none" mean {@link #NONE}.
     *
     * @throws IllegalArgumentException for any other value
     */
    public static Operations fromDdf(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT);
        if (wanted.equals("NONE")) {
            return NONE;
        }
        for (Operations ops : values()) {
            if (ops != NONE && ops.ddfName.equals(wanted)) {
                return ops;
            }
        }
        throw new IllegalArgumentException(
                "unknown Operations '" + text.strip() + "' (expected R, W, RW, E or empty)");
    }
}
