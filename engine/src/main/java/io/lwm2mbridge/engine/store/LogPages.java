package io.lwm2mbridge.engine.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Reads one page of an {@link OrderedLog}, bounded by a number of entries and by bytes, so a page stays
 * small however large the entries stored by an older version or a careless script are. A page always
 * holds at least one entry, so paging always moves on.
 */
public final class LogPages {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> ENTRY = new TypeReference<>() {};

    /** What a log makes of one stored entry: what to return and how many bytes that takes as JSON. */
    public record Item(Map<String, Object> view, long bytes) {}

    /** Ends the scan: every older (newer, going forward) entry is out of the page's range too. */
    public static final Item STOP = new Item(Map.of(), 0);

    /** Turns stored JSON text into an {@link Item}, null to leave the entry out, or {@link #STOP}. */
    @FunctionalInterface
    public interface Reader {
        Item read(long sequence, String json);
    }

    /**
     * One page, oldest first.
     *
     * @param last the sequence of the newest entry in the page, 0 when it is empty
     */
    public record Page(List<Map<String, Object>> items, long last) {}

    private LogPages() {}

    /** The newest entries with a sequence above {@code floor} (0: all). */
    public static Page newest(OrderedLog log, long floor, int limit, long maxBytes, Reader reader) {
        Collector c = new Collector(limit, maxBytes);
        log.scanJson(Long.MAX_VALUE, false, (seq, json) -> seq > floor && c.offer(seq, reader.read(seq, json)));
        Collections.reverse(c.items);
        return new Page(c.items, c.first);
    }

    /** The oldest entries with a sequence above {@code after} (0: from the start of the log). */
    public static Page after(OrderedLog log, long after, int limit, long maxBytes, Reader reader) {
        Collector c = new Collector(limit, maxBytes);
        log.scanJson(after, true, (seq, json) -> c.offer(seq, reader.read(seq, json)));
        return new Page(c.items, c.lastSeq);
    }

    /** An entry as the store writes it (bytes as base64, as before entries were written by the logs themselves). */
    public static String encode(Object entry) {
        try {
            return MAPPER.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be stored: " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes an entry the store wrote, or null when it cannot be read. */
    public static Map<String, Object> decode(String json) {
        try {
            return MAPPER.readValue(json, ENTRY);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static final class Collector {
        private final int limit;
        private final long maxBytes;
        private final List<Map<String, Object>> items = new ArrayList<>();
        private long bytes = 2; // "[" and "]"
        private long first;
        private long lastSeq;

        Collector(int limit, long maxBytes) {
            this.limit = limit;
            this.maxBytes = maxBytes;
        }

        /** Adds the item if it fits; false ends the scan. */
        boolean offer(long seq, Item item) {
            if (item == STOP) {
                return false;
            }
            if (item == null) {
                return true;
            }
            if (!items.isEmpty() && bytes + item.bytes() + 1 > maxBytes) {
                return false;
            }
            items.add(item.view());
            bytes += item.bytes() + 1;
            if (first == 0) {
                first = seq;
            }
            lastSeq = seq;
            return items.size() < limit;
        }
    }
}
