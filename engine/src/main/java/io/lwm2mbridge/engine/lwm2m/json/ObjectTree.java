package io.lwm2mbridge.engine.lwm2m.json;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Values a device sent, as the object tree scripts and events see ({@code {"3": {"0": {"0": "Acme"}}}}),
 * built by {@link ObjectTrees#merge}. Inside the server it is passed along as this type; {@link #json()}
 * is the tree itself, not a copy, so handing it to an event or a script costs nothing on the
 * notification path.
 *
 * @param json the tree: object key, instance id, resource key (and resource instance id) to JSON values
 */
public record ObjectTree(Map<String, Object> json) {

    /** A tree to merge nodes into. */
    public static ObjectTree empty() {
        return new ObjectTree(new LinkedHashMap<>());
    }
}
