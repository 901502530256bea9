package io.lwm2mbridge.engine.globals;

/** One change a {@code PUT /globals} asks for, by name: remove the value, or set it (or only its flag). */
public sealed interface GlobalChange {

    /** The global value's name. */
    String name();

    /** Removes the value. */
    record Remove(String name) implements GlobalChange {}

    /**
     * Sets the value. Without {@code hasValue} the stored value stays (a secret is re-flagged without sending
     * it again); {@code secret} null keeps the stored flag.
     */
    record Put(String name, boolean hasValue, Object value, Boolean secret) implements GlobalChange {}
}
