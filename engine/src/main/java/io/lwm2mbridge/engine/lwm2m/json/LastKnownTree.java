package io.lwm2mbridge.engine.lwm2m.json;

import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.NameTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.server.registration.Registration;

/**
 * The last known values of an endpoint as the object tree scripts see ({@code lwm2m.lastKnown}): built
 * on demand from the flat path-to-entry copy the store of last known values keeps, never on the
 * notification path.
 */
public final class LastKnownTree {

    private static final Comparator<String> BY_PATH = Comparator.comparing(LastKnownTree::ids, Arrays::compare);

    private LastKnownTree() {}

    /**
     * The object tree of every known value, keys in {@code format}; with {@code includeTimes}, each
     * object also has a sibling {@code "~<object key>"} tree holding the ISO time each value arrived.
     *
     * @param values path ("3/0/0" or "3/0/7/1") to [value as JSON, ISO time]: a copy the caller owns
     * @param trees where object and resource names come from
     * @param registration the current registration, for the object versions names come from; may be null
     */
    public static Map<String, Object> of(Map<String, List<Object>> values, ObjectTrees trees, IdFormat format,
            boolean includeTimes, Registration registration) {
        List<String> paths = new ArrayList<>(values.keySet());
        paths.sort(BY_PATH);
        Map<String, Object> tree = new LinkedHashMap<>();
        for (String path : paths) {
            int[] ids = ids(path);
            if (ids.length < 3) {
                continue;
            }
            NameTable names = trees.versionedNames(ids[0], registration);
            List<Object> entry = values.get(path);
            place(tree, names.objectKey(format), ids, names.resourceKey(ids[2], format), entry.get(0));
            if (includeTimes) {
                place(tree, "~" + names.objectKey(format), ids, names.resourceKey(ids[2], format), entry.get(1));
            }
        }
        if (includeTimes) {
            // the "~" trees after the value trees, so data["3"] comes before data["~3"] when printed
            Map<String, Object> ordered = new LinkedHashMap<>();
            tree.forEach((k, v) -> {
                if (!k.startsWith("~")) {
                    ordered.put(k, v);
                }
            });
            tree.forEach((k, v) -> {
                if (k.startsWith("~")) {
                    ordered.put(k, v);
                }
            });
            return ordered;
        }
        return tree;
    }

    private static void place(Map<String, Object> tree, String objectKey, int[] ids, String resourceKey, Object value) {
        Map<String, Object> instance = ObjectTrees.childMap(ObjectTrees.childMap(tree, objectKey), Integer.toString(ids[1]));
        if (ids.length == 3) {
            instance.put(resourceKey, value);
        } else {
            ObjectTrees.childMap(instance, resourceKey).put(Integer.toString(ids[3]), value);
        }
    }

    private static int[] ids(String path) {
        String[] parts = path.split("/");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                return new int[0];
            }
        }
        return out;
    }
}
