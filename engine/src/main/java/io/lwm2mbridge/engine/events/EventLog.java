package io.lwm2mbridge.engine.events;

import io.lwm2mbridge.engine.limits.JsonSize;
import io.lwm2mbridge.engine.store.LogPages;
import io.lwm2mbridge.engine.store.OrderedLog;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Recent events, kept in the store up to a bound (the {@code events_kept} setting) and queried newest
 * last, in pages bounded by count and by bytes. An event stored with data larger than
 * {@code event_data_max_bytes} (by an older version, or under a larger bound) is shortened when read,
 * as {@link EventBus} shortens new ones.
 */
public final class EventLog {

    /** Room for an event's fields besides its data (id, time, type, endpoint with its tags). */
    private static final long ENVELOPE = 16 * 1024;

    private final OrderedLog log;
    private final LongSupplier kept;
    private final LongSupplier dataMax;

    /** A log that reads events back whole: for tests that do not look at sizes. */
    public EventLog(OrderedLog log, LongSupplier kept) {
        this(log, kept, () -> Long.MAX_VALUE / 4);
    }

    /** @param dataMax what one event's data may hold ({@code event_data_max_bytes}) */
    public EventLog(OrderedLog log, LongSupplier kept, LongSupplier dataMax) {
        this.log = log;
        this.kept = kept;
        this.dataMax = dataMax;
    }

    long lastSequence() {
        return log.lastSequence();
    }

    void append(Event event) {
        log.putJson(event.sequence(), event.written().json());
        long keep = kept.getAsLong();
        // trim in batches: cheaper than on every append
        if (event.sequence() % 64 == 0 && log.size() > keep) {
            log.trimTo(keep);
        }
    }

    /**
     * The newest {@code limit} events that match, oldest first, however many bytes they take.
     *
     * @param type wanted type, or null for all
     * @param endpoint wanted endpoint key, or null for all
     * @param since only events at or after this time, or null
     * @param afterSequence only events with a higher sequence, or 0
     */
    public List<Map<String, Object>> query(EventType type, String endpoint, Instant since, long afterSequence, int limit) {
        return newest(type, endpoint, since, afterSequence, limit, Long.MAX_VALUE).items();
    }

    /** The newest matching events with a sequence above {@code floor} that fit the bounds, oldest first. */
    public LogPages.Page newest(EventType type, String endpoint, Instant since, long floor, int limit, long maxBytes) {
        return LogPages.newest(log, floor, limit, maxBytes, reader(type, endpoint, since, true));
    }

    /**
     * The oldest matching events after a cursor that fit the bounds, oldest first: walking from cursor to
     * cursor ({@link LogPages.Page#last()}) reads every event, however the pages were cut.
     */
    public LogPages.Page after(EventType type, String endpoint, Instant since, long afterSequence, int limit,
            long maxBytes) {
        return LogPages.after(log, afterSequence, limit, maxBytes, reader(type, endpoint, since, false));
    }

    /**
     * The event with this id as {@code GET /events} shows it, if it is still kept (data over
     * {@code event_data_max_bytes} comes back shortened); {@code events.json.EventParser} reads it back.
     */
    public Optional<Map<String, Object>> stored(long sequence) {
        if (sequence <= 0) {
            return Optional.empty();
        }
        LogPages.Reader read = reader(null, null, null, false);
        AtomicReference<Map<String, Object>> found = new AtomicReference<>();
        log.scanJson(sequence - 1, true, (seq, json) -> {
            if (seq == sequence) {
                LogPages.Item item = read.read(seq, json);
                found.set(item == null ? null : item.view());
            }
            return false;
        });
        return Optional.ofNullable(found.get());
    }

    private LogPages.Reader reader(EventType type, String endpoint, Instant since, boolean newestFirst) {
        return (seq, json) -> {
            Map<String, Object> e = LogPages.decode(json);
            if (e == null) {
                return null;
            }
            if (since != null && Instant.parse((String) e.get("ts")).isBefore(since)) {
                return newestFirst ? LogPages.STOP : null;
            }
            if (type != null && !type.wireName().equals(e.get("type"))) {
                return null;
            }
            if (endpoint != null) {
                Object ep = e.get("endpoint");
                if (!(ep instanceof Map<?, ?> m) || !endpoint.equals(m.get("key"))) {
                    return null;
                }
            }
            long stored = JsonSize.utf8(json);
            long max = dataMax.getAsLong();
            if (stored > max + ENVELOPE && JsonSize.exceeds(e.get("data"), max)) {
                e.put("data", DataBound.fit(e.get("data"), max));
                return new LogPages.Item(e, JsonSize.of(e));
            }
            return new LogPages.Item(e, stored);
        };
    }
}
