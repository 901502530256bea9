package io.lwm2mbridge.engine.triggers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What one dry run of a trigger would have done ({@code POST /triggers/{id}/try}): every host call
 * that reaches beyond the script, in order, with its arguments and the answer the script got, and
 * the lines it logged. Host functions see it through {@link TriggerRun#dryRun()} and record here
 * instead of acting. Written on the run's worker thread and read once the run has ended; the
 * methods are synchronized all the same, since a host call may complete on another thread.
 */
public final class DryRun {

    /** Calls and log lines kept per run: the answer of a script that loops stays bounded. */
    public static final int MAX_ENTRIES = 1000;

    /**
     * A host call the script made.
     *
     * @param done whether it really ran (a read-only call, such as {@code cache.get}); false when it was only
     *     recorded
     * @param result what the script got back (null for nothing)
     * @param error the message the script got thrown, or null
     */
    public record Call(String fn, List<Object> args, boolean done, Object result, String error) {}

    /** A {@code log.*} line, in the shape of the run log's entries. */
    public record Line(Instant ts, String level, String endpoint, String message, Object data) {}

    private final Clock clock;
    private final List<Call> calls = new ArrayList<>();
    private final List<Line> logs = new ArrayList<>();
    private int droppedCalls;
    private int droppedLogs;

    public DryRun(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records a call.
     *
     * @param done whether it really ran (a read-only call, such as {@code cache.get}); false when it was
     *     only recorded
     * @param result what the script got back (null for nothing)
     * @param error the message the script got thrown, or null
     */
    public synchronized void call(String function, List<Object> args, boolean done, Object result, String error) {
        if (calls.size() >= MAX_ENTRIES) {
            droppedCalls++;
            return;
        }
        calls.add(new Call(function, Collections.unmodifiableList(new ArrayList<>(args)), done, result, error));
    }

    /** Records a {@code log.*} line, in the shape of the run log's entries. */
    public synchronized void log(String level, String endpoint, String message, Object data) {
        if (logs.size() >= MAX_ENTRIES) {
            droppedLogs++;
            return;
        }
        logs.add(new Line(clock.instant(), level, endpoint, message, data));
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Line> logs() {
        return List.copyOf(logs);
    }

    /** Calls left out past {@link #MAX_ENTRIES}. */
    public synchronized int droppedCalls() {
        return droppedCalls;
    }

    /** Log lines left out past {@link #MAX_ENTRIES}. */
    public synchronized int droppedLogs() {
        return droppedLogs;
    }
}
