package io.lwm2mbridge.engine.endpoints;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What scripts change on an endpoint besides its storage: its tags and status details
 * ({@code endpoint.update}, {@code endpoint.updateTags}). Such changes do not take a record over from the
 * registration that created it.
 */
public final class EndpointTags {

    private final EndpointRecords records;

    EndpointTags(EndpointRecords records) {
        this.records = records;
    }

    /** What {@code endpoint.update} does: replaces the status details (when given), adds and removes tags. */
    public EndpointRecord update(String key, Object statusDetails, Object addTags, Object removeTags) {
        synchronized (records) {
            EndpointRecord r = records.require(key);
            if (statusDetails != null) {
                r = r.withStatusDetails(EndpointFields.statusDetails(statusDetails));
            }
            r = r.withTags(changedTags(r, addTags, removeTags, "addTags", "removeTags"));
            records.save(r);
            return r;
        }
    }

    /** What {@code endpoint.updateTags} does: sets the tags given, then removes the names given. */
    public EndpointRecord updateTags(String key, Object set, Object removeNames) {
        synchronized (records) {
            EndpointRecord r = records.require(key);
            r = r.withTags(changedTags(r, set, removeNames, "tags", "removeNames"));
            records.save(r);
            return r;
        }
    }

    private static Map<String, Object> changedTags(EndpointRecord r, Object add, Object remove, String addWhat,
            String removeWhat) {
        Map<String, Object> tags = new LinkedHashMap<>(r.tags());
        Map<String, Object> added = add == null ? Map.of() : EndpointFields.tags(add, addWhat);
        List<String> removed = EndpointFields.tagNames(remove, removeWhat);
        tags.putAll(added);
        removed.forEach(tags::remove);
        return tags;
    }
}
