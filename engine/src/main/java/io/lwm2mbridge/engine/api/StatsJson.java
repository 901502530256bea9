package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.events.PipelineSnapshot;
import io.lwm2mbridge.engine.events.TriggerStats;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pipeline's counters as JSON: {@code GET /api/v1/stats} ({@link #view(PipelineSnapshot)}) and a
 * trigger's {@code runStats} ({@link #trigger(TriggerStats)}); the field names and their order are API.md's.
 */
final class StatsJson {

    private StatsJson() {}

    static Map<String, Object> view(PipelineSnapshot s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ts", s.ts().toString());
        out.put("uptime_s", s.uptimeSeconds());
        Map<String, Object> events = new LinkedHashMap<>();
        s.events().forEach((type, counts) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("published", counts.published());
            e.put("shed", counts.shed());
            events.put(type.wireName(), e);
        });
        out.put("events", events);
        Map<String, Object> triggers = new LinkedHashMap<>();
        s.triggers().forEach((name, t) -> triggers.put(name, trigger(t)));
        out.put("triggers", triggers);
        Map<String, Object> queues = new LinkedHashMap<>();
        s.queues().forEach(q -> queues.put(q.name(), q.view()));
        out.put("queues", queues);
        s.sections().forEach(part -> out.put(part.name(), part.view()));
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("used", s.heap().used());
        heap.put("max", s.heap().max());
        out.put("heap", heap);
        return out;
    }

    static Map<String, Object> trigger(TriggerStats t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", t.runs());
        m.put("failed", t.failed());
        m.put("shed", t.shed());
        m.put("shedByEventType", new LinkedHashMap<>(t.shedByEventType()));
        m.put("lastRunEndedMs", t.lastRunEndedMs());
        Map<String, Object> budgets = new LinkedHashMap<>();
        t.budgetFailures().forEach((budget, n) -> budgets.put(budget.key(), n));
        m.put("budgetFailures", budgets);
        m.put("budgetFailuresInARow", t.budgetFailuresInARow());
        Map<String, Object> stop = null;
        if (t.lastAutoStop() != null) {
            stop = new LinkedHashMap<>();
            stop.put("ts", t.lastAutoStop().ts().toString());
            stop.put("reason", t.lastAutoStop().reason());
        }
        m.put("lastAutoStop", stop);
        return m;
    }
}
