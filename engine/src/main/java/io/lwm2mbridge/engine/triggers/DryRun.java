package io.lwm2mbridge.engine.triggers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    private final Clock clock;
    private final List<Map<String, Object>> calls = new ArrayList<>();
    private final List<Map<String, Object>> logs = new ArrayList<>();
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
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("fn", function);
        c.put("args", new ArrayList<>(args));
        c.put("done", done);
        if (error != null) {
            c.put("error", error);
        } else {
            c.put("result", result);
        }
        calls.add(c);
    }

    /** Records a {@code log.*} line, in the shape of the run log's entries. */
    public synchronized void log(String level, String endpoint, String message, Object data) {
        if (logs.size() >= MAX_ENTRIES) {
            droppedLogs++;
            return;
        }
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("ts", clock.instant().toString());
        l.put("level", level);
        l.put("endpoint", endpoint);
        l.put("message", message);
        l.put("data", data);
        logs.add(l);
    }

    public synchronized List<Map<String, Object>> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Map<String, Object>> logs() {
        return List.copyOf(logs);
    }

    /** Calls and log lines left out past {@link #MAX_ENTRIES}: {@code {calls, logs}}. */
    public synchronized Map<String, Object> dropped() {
        return Map.of("calls", droppedCalls, "logs", droppedLogs);
    }
}
