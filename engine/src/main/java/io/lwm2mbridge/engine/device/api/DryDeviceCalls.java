package io.lwm2mbridge.engine.device.api;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.device.CallOptions;
import io.lwm2mbridge.engine.device.CallParser;
import io.lwm2mbridge.engine.device.CallRequest;
import io.lwm2mbridge.engine.device.DeviceCalls;
import io.lwm2mbridge.engine.device.DeviceOperation;
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
 * The device calls of a dry run: arguments are read by the same {@link CallParser} as real calls, nothing
 * is sent, and the script gets what the call would return. A synchronous {@code read} answers from the
 * endpoint's last-known values ({@code lwm2m.lastKnown}) in the {@code translateIds} format asked for,
 * and throws, as a read of an unknown resource would, when a path has no known value; the other
 * synchronous calls answer as if the device had accepted them; asynchronous calls return null, as
 * they do, and cause no event.
 */
public record DryDeviceCalls(DeviceCalls calls, ObjectRegistry registry, Settings settings) {

    /** The token a dry-run observation answers with: no observation is made. */
    static final String TOKEN = "dry-run";

    /**
     * What {@code call} would return, without a device: a read from the last-known values; any other
     * call as a device that accepted it would answer ({@code {source, path, success: true}}; {@code
     * observe}: {@code {tokens}} of {@link #TOKEN}; {@code discover}: no links; {@code observeCancel}:
     * nothing cancelled).
     */
    public Object answer(CallRequest call) throws HostCallException {
        DeviceOperation operation = call.operation();
        CallOptions options = call.options();
        if (options.async()) {
            return null;
        }
        if (operation.empty()) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        switch (operation) {
            case DeviceOperation.Read read -> {
                return read(read, options);
            }
            case DeviceOperation.Observe observe -> {
                Map<String, Object> tokens = new LinkedHashMap<>();
                if (observe.composite()) {
                    tokens.put("composite", TOKEN);
                } else {
                    observe.pathNames().forEach(p -> tokens.put(p, TOKEN));
                }
                result.put("tokens", tokens);
            }
            case DeviceOperation.ObserveCancel cancel -> result.put("cancelled", List.of());
            case DeviceOperation.Discover discover -> {
                return List.of();
            }
            default -> {
                result.put("source", operation.source());
                result.put("path", String.join(",", operation.pathNames()));
                result.put("success", true);
            }
        }
        return result;
    }

    /** A synchronous read from the last-known values. */
    private Object read(DeviceOperation.Read read, CallOptions options) throws HostCallException {
        String endpoint = read.endpoint();
        IdFormat ids = options.ids() != null ? options.ids() : IdFormat.fromOption(settings.string(Settings.TRANSLATE_IDS));
        Map<String, Object> values = calls.lastKnown(new CallParser.LastKnownQuery(endpoint, ids, true));
        Registration reg = registration(endpoint);
        Map<String, Object> tree = new LinkedHashMap<>();
        Object single = null;
        for (LwM2mPath path : read.paths()) {
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
        if (options.returnValue()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("value", single);
            return result;
        }
        return tree;
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
