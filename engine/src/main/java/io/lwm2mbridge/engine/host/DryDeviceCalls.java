package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.lwm2m.DeviceException;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.NameTable;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.LwM2m;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.server.registration.Registration;

/**
 * The device calls of a dry run: arguments are checked as {@link DeviceCalls} checks them, nothing
 * is sent, and the script gets what the call would return. A synchronous {@code read} answers from the
 * endpoint's last-known values ({@code lwm2m.lastKnown}) in the {@code translateIds} format asked for,
 * and throws, as a read of an unknown resource would, when a path has no known value; the other
 * synchronous calls answer as if the device had accepted them; asynchronous calls return null, as
 * they do, and cause no event.
 */
final class DryDeviceCalls {

    /** The token a dry-run observation answers with: no observation is made. */
    static final String TOKEN = "dry-run";

    private final DeviceCalls calls;
    private final ObjectRegistry registry;
    private final Settings settings;

    DryDeviceCalls(DeviceCalls calls, ObjectRegistry registry, Settings settings) {
        this.calls = calls;
        this.registry = registry;
        this.settings = settings;
    }

    /** {@code read(ep, paths, opts)} from the last-known values. */
    Object read(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.read", rawArgs, 1);
        String endpoint = args.endpoint();
        List<String> texts = args.paths(1);
        CallOptions options = args.options();
        if (texts.isEmpty()) {
            return options.async() ? null : new LinkedHashMap<>();
        }
        List<LwM2mPath> paths = CallArgs.parsePaths("lwm2m.read", texts);
        IdFormat ids = options.idFormat(IdFormat.fromOption(settings.string(Settings.TRANSLATE_IDS)));
        boolean value = options.returnValue();
        if (value && (paths.size() != 1 || !(paths.get(0).isResource() || paths.get(0).isResourceInstance()))) {
            throw new HostCallException("lwm2m.read: return: 'value' needs exactly one resource path", "TypeError");
        }
        if (options.async()) {
            return null;
        }
        Map<String, Object> known = new LinkedHashMap<>();
        known.put("translateIds", ids.option());
        Map<String, Object> values = calls.lastKnown(List.of(endpoint, known));
        Registration reg = registration(endpoint);
        Map<String, Object> tree = new LinkedHashMap<>();
        Object single = null;
        for (LwM2mPath path : paths) {
            NameTable names = registry.names(path.getObjectId(), version(reg, path.getObjectId()));
            List<String> keys = new ArrayList<>();
            keys.add(names.objectKey(ids));
            if (path.getObjectInstanceId() != null) {
                keys.add(Integer.toString(path.getObjectInstanceId()));
            }
            if (path.getResourceId() != null) {
                keys.add(names.resourceKey(path.getResourceId(), ids));
            }
            if (path.getResourceInstanceId() != null) {
                keys.add(Integer.toString(path.getResourceInstanceId()));
            }
            Object node = values;
            for (String key : keys) {
                node = node instanceof Map<?, ?> m ? m.get(key) : null;
            }
            if (node == null) {
                throw new HostCallException("lwm2m.read: no last-known value for " + DeviceRequests.text(path)
                        + " of '" + endpoint + "' (a dry run answers reads from the last-known values)");
            }
            single = node;
            place(tree, keys, node);
        }
        if (value) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("value", single);
            return result;
        }
        return tree;
    }

    /**
     * Any other device call: checked, then answered as a device that accepted it would answer
     * ({@code {source, path, success: true}}; {@code observe}: {@code {tokens}} of {@link #TOKEN};
     * {@code discover}: no links; {@code observeCancel}: nothing cancelled).
     */
    Object other(String function, List<Object> rawArgs) throws HostCallException {
        String qualified = "lwm2m." + function;
        CallArgs args = CallArgs.of(qualified, rawArgs, optionsFrom(function));
        args.endpoint();
        CallOptions options = args.options();
        List<String> pathNames = switch (function) {
            case "writeMulti" -> instancePaths(qualified, args.get(1));
            case "observe" -> names(CallArgs.parsePaths(qualified, args.paths(1)));
            case "observeCancel" -> List.of();
            default -> List.of(DeviceRequests.text(args.path(1)));
        };
        if (options.async()) {
            return null;
        }
        Map<String, Object> result = new LinkedHashMap<>();
        switch (function) {
            case "observe" -> {
                Map<String, Object> tokens = new LinkedHashMap<>();
                if (options.composite()) {
                    tokens.put("composite", TOKEN);
                } else {
                    pathNames.forEach(p -> tokens.put(p, TOKEN));
                }
                result.put("tokens", tokens);
            }
            case "observeCancel" -> result.put("cancelled", List.of());
            case "discover" -> {
                return List.of();
            }
            default -> {
                result.put("source", "execWithArgs".equals(function) ? "exec" : function);
                result.put("path", String.join(",", pathNames));
                result.put("success", true);
            }
        }
        return result;
    }

    private static int optionsFrom(String function) {
        return switch (function) {
            case "write", "writeAttrs", "execWithArgs", "create" -> 3;
            default -> 2;
        };
    }

    private static List<String> names(List<LwM2mPath> paths) {
        return paths.stream().map(DeviceRequests::text).toList();
    }

    private static List<String> instancePaths(String function, Object tree) throws HostCallException {
        if (!(tree instanceof Map<?, ?> objects)) {
            throw new HostCallException(function + ": give the values as {objectId: {instanceId: {resourceId: value}}}",
                    "TypeError");
        }
        List<String> out = new ArrayList<>();
        objects.forEach((o, insts) -> {
            if (insts instanceof Map<?, ?> m) {
                m.keySet().forEach(i -> out.add(o + "/" + i));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void place(Map<String, Object> tree, List<String> keys, Object value) {
        Map<String, Object> at = tree;
        for (int i = 0; i < keys.size() - 1; i++) {
            at = (Map<String, Object>) at.computeIfAbsent(keys.get(i), k -> new LinkedHashMap<>());
        }
        at.put(keys.get(keys.size() - 1), value);
    }

    private Registration registration(String endpoint) {
        try {
            return calls.requests().registration(endpoint);
        } catch (DeviceException e) {
            return null; // values are kept after the device leaves; names then follow the latest definitions
        }
    }

    private static String version(Registration reg, int objectId) {
        if (reg == null) {
            return null;
        }
        LwM2m.Version v = reg.getSupportedVersion(objectId);
        return v == null ? null : v.toString();
    }
}
