package io.lwm2mbridge.engine.events;

import io.lwm2mbridge.engine.store.OrderedLog;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/** Recent events, kept in the store up to a bound (the {@code events_kept} setting) and queried newest last. */
public final class EventLog {

    private final OrderedLog log;
    private final LongSupplier kept;

    public EventLog(OrderedLog log, LongSupplier kept) {
        this.log = log;
        this.kept = kept;
    }

    long lastSequence() {
        return log.lastSequence();
    }

    void append(Event event) {
        log.putJson(event.sequence(), event.json());
        long keep = kept.getAsLong();
        // trim in batches: cheaper than on every append
        if (event.sequence() % 64 == 0 && log.size() > keep) {
            log.trimTo(keep);
        }
    }

    /**
     * The newest {@code limit} events that match, oldest first.
     *
     * @param type wanted type, or null for all
     * @param endpoint wanted endpoint key, or null for all
     * @param since only events at or after this time, or null
     * @param afterSequence only events with a higher sequence (a cursor), or 0
     */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> query(EventType type, String endpoint, Instant since, long afterSequence, int limit) {
        List<Map<String, Object>> out = new ArrayList<>();
        String sinceText = since == null ? null : since.toString();
        log.scanBackward(Long.MAX_VALUE, (seq, value) -> {
            if (seq <= afterSequence) {
                return false;
            }
            Map<String, Object> e = (Map<String, Object>) value;
            if (sinceText != null && Instant.parse((String) e.get("ts")).isBefore(since)) {
                return false;
            }
            if (type != null && !type.wireName().equals(e.get("type"))) {
                return true;
            }
            if (endpoint != null) {
                Object ep = e.get("endpoint");
                if (!(ep instanceof Map<?, ?> m) || !endpoint.equals(m.get("key"))) {
                    return true;
                }
            }
            out.add(e);
            return out.size() < limit;
        });
        Collections.reverse(out);
        return out;
    }
}
