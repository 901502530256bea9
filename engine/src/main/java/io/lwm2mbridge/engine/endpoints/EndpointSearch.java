package io.lwm2mbridge.engine.endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The endpoints as the API and scripts see them: one endpoint's public view (no keys, no script storage),
 * and pages of the views an {@link EndpointQuery} matches.
 */
public final class EndpointSearch {

    /** One page of a search, in key order: {@code next} is the key to pass as {@code after}, or null at the end. */
    public record Page(List<Map<String, Object>> items, String next) {}

    private final EndpointRecords records;

    EndpointSearch(EndpointRecords records) {
        this.records = records;
    }

    /** The public views of the endpoints that match, in key order, after the key {@code after} (null: from the start). */
    public Page search(EndpointQuery query, String after, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (String key : records.keys()) {
            if (after != null && key.compareTo(after) <= 0) {
                continue;
            }
            Optional<EndpointRecord> r = records.get(key);
            if (r.isEmpty()) {
                continue;
            }
            Map<String, Object> view = EndpointFields.view(r.get());
            if (query.matches(view)) {
                if (items.size() == limit) {
                    return new Page(items, (String) items.get(items.size() - 1).get("key"));
                }
                items.add(view);
            }
        }
        return new Page(items, null);
    }

    /** The public view of one endpoint, as the API and scripts see it: no keys, no script storage. */
    public Optional<Map<String, Object>> view(String key) {
        return records.get(key).map(EndpointFields::view);
    }
}
