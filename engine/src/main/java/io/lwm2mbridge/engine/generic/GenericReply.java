package io.lwm2mbridge.engine.generic;

/**
 * How a generic call by name ended, as {@code exec.sync} and {@code POST /generic/{name}} report it.
 */
public sealed interface GenericReply {

    /** No enabled {@code generic} trigger has that name. */
    record NoTrigger() implements GenericReply {}

    /** A trigger called {@code trigger.reply(value)}; the first run to finish with a reply wins. */
    record Replied(String trigger, Object value) implements GenericReply {}

    /** Every run ended without a reply, and none failed. */
    record NoReply() implements GenericReply {}

    /** No run replied and at least one failed: the first failure. */
    record Failed(String trigger, String message, int line) implements GenericReply {}
}
