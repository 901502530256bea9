package io.lwm2mbridge.engine.device.json;

import io.lwm2mbridge.engine.device.CallOptions;
import io.lwm2mbridge.engine.device.CallParser;
import io.lwm2mbridge.engine.device.CallRequest;
import io.lwm2mbridge.engine.device.DeviceOperation;
import io.lwm2mbridge.engine.device.DeviceOperation.CancelTarget;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttribute;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.argument.Argument;

/**
 * A parsed call written back as the script call that makes it: {@link DeviceOperation#function()} and
 * the arguments {@link CallParser} reads into the same {@link CallRequest}. This is how a held call is
 * kept in the store (and shown by {@code GET /api/v1/endpoints/{key}/queue}): as JSON-like values that
 * survive a restart and read as the call a script would write.
 */
public final class ScriptForm {

    private ScriptForm() {}

    /** The arguments of {@code lwm2m.<function>} that make {@code call}, options last. */
    public static List<Object> args(CallRequest call) {
        DeviceOperation operation = call.operation();
        Map<String, Object> options = options(call.options());
        List<Object> out = new ArrayList<>();
        out.add(operation.endpoint());
        switch (operation) {
            case DeviceOperation.Read r -> {
                out.add(paths(r.paths()));
                composite(options, r.composite());
            }
            case DeviceOperation.Write w -> {
                out.add(text(w.path()));
                out.add(w.value());
            }
            case DeviceOperation.WriteMulti m -> {
                Map<String, Object> tree = new LinkedHashMap<>();
                m.instances().forEach((objectId, instances) -> {
                    Map<String, Object> byId = new LinkedHashMap<>();
                    instances.forEach((instanceId, resources) -> byId.put(instanceId.toString(), resources));
                    tree.put(objectId.toString(), byId);
                });
                out.add(tree);
                composite(options, m.composite());
            }
            case DeviceOperation.WriteAttributes a -> {
                out.add(text(a.path()));
                Map<String, Object> attributes = new LinkedHashMap<>();
                for (Attribute attribute : a.attributes()) {
                    LwM2mAttribute<?> given = (LwM2mAttribute<?>) attribute;
                    attributes.put(given.getName(), given.hasValue() ? given.getValue() : null);
                }
                out.add(attributes);
            }
            case DeviceOperation.Execute e -> {
                out.add(text(e.path()));
                if (!e.arguments().isEmpty()) {
                    Map<String, Object> arguments = new LinkedHashMap<>();
                    for (Argument argument : e.arguments()) {
                        arguments.put(Integer.toString(argument.getDigit()), argument.getValue());
                    }
                    out.add(arguments);
                }
            }
            case DeviceOperation.Create c -> {
                out.add(text(c.path()));
                out.add(c.resources());
            }
            case DeviceOperation.Delete d -> out.add(text(d.path()));
            case DeviceOperation.Discover d -> out.add(text(d.path()));
            case DeviceOperation.Observe o -> {
                out.add(paths(o.paths()));
                composite(options, o.composite());
            }
            case DeviceOperation.ObserveCancel c -> out.add(c.targets().stream().map(t -> switch (t) {
                case CancelTarget.Token token -> token.token();
                case CancelTarget.OfPath path -> text(path.path());
            }).toList());
        }
        out.add(options);
        return out;
    }

    /**
     * The function that reads {@link #args} back: {@code execWithArgs} for an execute with arguments
     * (given as an object, which {@code exec} would take for its options), else the operation's own.
     */
    public static String function(DeviceOperation operation) {
        return operation instanceof DeviceOperation.Execute e && !e.arguments().isEmpty() ? "execWithArgs"
                : operation.function();
    }

    /** The options object that gives these options back, for a held call kept in the store. */
    private static Map<String, Object> options(CallOptions options) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("async", options.async());
        if (options.context() != null) {
            out.put("context", options.context());
        }
        if (options.timeout() != null) {
            out.put("timeout", options.timeout().toMillis() / 1000.0);
        }
        if (options.encoding() != null) {
            out.put("encoding", options.encoding());
        }
        if (options.ids() != null) {
            out.put("translateIds", options.ids().option());
        }
        if (options.replace()) {
            out.put("replace", true);
        }
        if (options.returnValue()) {
            out.put("return", "value");
        }
        return out;
    }

    private static void composite(Map<String, Object> options, boolean composite) {
        if (composite) {
            options.put("composite", true);
        }
    }

    private static Object paths(List<LwM2mPath> paths) {
        return paths.size() == 1 ? text(paths.get(0)) : paths.stream().map(ScriptForm::text).toList();
    }

    private static String text(LwM2mPath path) {
        return DeviceRequests.text(path);
    }
}
