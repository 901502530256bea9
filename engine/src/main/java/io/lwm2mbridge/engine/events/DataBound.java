package io.lwm2mbridge.engine.events;

import io.lwm2mbridge.engine.limits.JsonSize;
import io.lwm2mbridge.engine.limits.Truncation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps event data within {@code event_data_max_bytes} as JSON: data over it has its longest strings
 * shortened ({@link Truncation}), and becomes {@link RawData}, since shortened values are no longer what
 * the publisher gave. Logs it, at most once per 10 s, so it is never silent.
 */
final class DataBound {

    private static final Logger LOG = LoggerFactory.getLogger(DataBound.class);

    private final EventWriter writer;
    private final AtomicLong shortened = new AtomicLong();
    private final AtomicReference<Long> lastLog = new AtomicReference<>();

    DataBound(EventWriter writer) {
        this.writer = writer;
    }

    /** The event written as JSON, or a written copy whose data is shortened to {@code max} bytes; on the bus thread. */
    Event apply(Event event, long max) {
        // the JSON is made here rather than when the event is stored: the same work, done once
        Event.Written written = writer.write(event);
        if (!JsonSize.utf8Exceeds(written.json(), max) || !JsonSize.exceeds(written.data(), max)) {
            return event.written(written);
        }
        long count = shortened.incrementAndGet();
        Long last = lastLog.get();
        long now = System.nanoTime();
        if ((last == null || now - last > TimeUnit.SECONDS.toNanos(10)) && lastLog.compareAndSet(last, now)) {
            LOG.warn("{} event {}{} has data over event_data_max_bytes ({} bytes): shortened ({} since start)",
                    event.type().wireName(), event.id(), event.endpoint() == null ? "" : " of " + event.endpoint().key(),
                    max, count);
        }
        Event shortenedEvent = new Event(event.sequence(), event.ts(), event.type(), event.endpoint(),
                new RawData(fit(written.data(), max)), event.routing());
        return shortenedEvent.written(writer.write(shortenedEvent));
    }

    /** Event data within {@code max} bytes: shortened strings, or when that is not enough its JSON text, shortened. */
    static Map<String, Object> fit(Object data, long max) {
        Object fitted = Truncation.fit(data, max);
        Map<String, Object> out = new LinkedHashMap<>();
        if (fitted instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        out.put("truncated", Truncation.text(String.valueOf(fitted), max - 16));
        return out;
    }
}
