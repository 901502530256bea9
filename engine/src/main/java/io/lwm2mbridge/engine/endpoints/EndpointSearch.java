package io.lwm2mbridge.engine.endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages of the endpoint records an {@link EndpointQuery} matches, read over their public fields
 * ({@link EndpointRecord#shown}).
 */
public final class EndpointSearch {

    /** One page of a search, in key order: {@code next} is the key to pass as {@code after}, or null at the end. */
    public record Page(List<EndpointRecord> items, String next) {}

    private final EndpointRecords records;

    EndpointSearch(EndpointRecords records) {
        this.records = records;
    }

    /** The records of the endpoints that match, in key order, after the key {@code after} (null: from the start). */
    public Page search(EndpointQuery query, String after, int limit) {
        List<EndpointRecord> items = new ArrayList<>();
        for (String key : records.keys()) {
            if (after != null && key.compareTo(after) <= 0) {
                continue;
            }
            Optional<EndpointRecord> r = records.get(key);
            if (r.isEmpty()) {
                continue;
            }
            if (query.matches(r.get()::shown)) {
                if (items.size() == limit) {
                    return new Page(items, items.get(items.size() - 1).key());
                }
                items.add(r.get());
            }
        }
        return new Page(items, null);
    }
}
