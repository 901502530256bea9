package io.lwm2mbridge.engine.store;

/**
 * An append-only sequence of JSON-like entries keyed by a growing sequence number, read in either
 * direction from a sequence and trimmed from the oldest end. Safe for concurrent use.
 */
public interface OrderedLog {

    /** The highest sequence number written, 0 when empty. */
    long lastSequence();

    void put(long sequence, Object value);

    /** Stores an entry already written as JSON text, sparing a second encoding. */
    void putJson(long sequence, String json);

    /**
     * Visits entries as their stored JSON text, so a reader can weigh an entry before decoding it: forward,
     * those with a sequence above {@code fromSequence}, oldest first; otherwise those below it, newest
     * first; until the visitor says stop.
     */
    void scanJson(long fromSequence, boolean forward, JsonVisitor visitor);

    /** Drops the oldest entries until at most {@code keep} remain. */
    void trimTo(long keep);

    long size();

    /** Receives entries as JSON text during a scan; returns false to stop. */
    @FunctionalInterface
    interface JsonVisitor {
        boolean visit(long sequence, String json);
    }
}
