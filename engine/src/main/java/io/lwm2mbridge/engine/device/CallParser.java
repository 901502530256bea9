package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.engine.device.DeviceOperation.CancelTarget;
import io.lwm2mbridge.engine.lwm2m.requests.Attributes;
import io.lwm2mbridge.engine.lwm2m.requests.Executes;
import io.lwm2mbridge.engine.lwm2m.requests.ValueException;
import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.argument.Arguments;

/**
 * Reads the arguments of a device call as scripts give them (SCRIPTING.md: the last plain object is
 * the options) into a {@link CallRequest}: the one parser of device operations, used for the {@code
 * lwm2m.*} functions, the REST and MQTT bodies ({@link io.lwm2mbridge.engine.device.api.DeviceOperations} turns a body into these
 * arguments) and the held calls kept in the store ({@link io.lwm2mbridge.engine.device.json.ScriptForm} writes them). A bad path,
 * option, attribute or argument list is a {@code TypeError} (a timeout out of range a {@code
 * RangeError}); values are checked against the resource types only once the device's registration is
 * known. Thread-safe.
 */
public final class CallParser {

    /** One function's parser. */
    @FunctionalInterface
    public interface Parse {
        CallRequest parse(List<Object> args) throws HostCallException;
    }

    /**
     * A path as {@code observeCancel} takes it ("3/0/13", "/3"); never a token (16 hex digits), so a
     * target that is not one is taken for a token.
     */
    private static final Pattern OBSERVED_PATH = Pattern.compile("/?\\d{1,5}(/\\d{1,5}){0,3}");

    private final ObjectRegistry registry;
    private final Map<String, Parse> byFunction = new LinkedHashMap<>();

    public CallParser(ObjectRegistry registry) {
        this.registry = registry;
        byFunction.put("read", this::read);
        byFunction.put("write", this::write);
        byFunction.put("writeMulti", this::writeMulti);
        byFunction.put("writeAttrs", this::writeAttrs);
        byFunction.put("exec", this::exec);
        byFunction.put("execWithArgs", this::execWithArgs);
        byFunction.put("create", this::create);
        byFunction.put("delete", this::delete);
        byFunction.put("discover", this::discover);
        byFunction.put("observe", this::observe);
        byFunction.put("observeCancel", this::observeCancel);
    }

    /** Each {@code lwm2m} device function ("read", "writeMulti", ...) and its parser, in SCRIPTING.md's order. */
    public Map<String, Parse> functions() {
        return byFunction;
    }

    /** Parses a held call kept in the store ({@link io.lwm2mbridge.engine.device.json.ScriptForm}): the named {@code lwm2m} function's arguments. */
    public CallRequest parse(String function, List<Object> args) throws HostCallException {
        Parse parse = byFunction.get(function);
        if (parse == null) {
            throw HostCallException.typeError("cannot replay unknown call lwm2m." + function);
        }
        return parse.parse(args);
    }

    /** {@code read(ep, paths, opts)}. */
    public CallRequest read(List<Object> raw) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.read", raw, 1);
        CallRequest call = onPaths(args, DeviceOperation.Read::new);
        List<LwM2mPath> paths = ((DeviceOperation.Read) call.operation()).paths();
        if (call.options().returnValue()
                && (paths.size() != 1 || !(paths.get(0).isResource() || paths.get(0).isResourceInstance()))) {
            throw args.type("return: 'value' needs exactly one resource path");
        }
        return call;
    }

    /** {@code write(ep, path, value, opts)}: a resource, or an instance from {@code {resId: value}}. */
    public CallRequest write(List<Object> raw) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.write", raw, 3);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        Object value = args.get(2);
        if (value == null) {
            throw args.type("give the value to write after the path");
        }
        return new CallRequest(new DeviceOperation.Write(endpoint, path, value), args.options(true, false));
    }

    /** {@code writeMulti(ep, {obj: {inst: {res: value}}}, opts)}; object keys may be ids or names. */
    public CallRequest writeMulti(List<Object> raw) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.writeMulti", raw, 2);
        String endpoint = args.endpoint();
        if (!(args.get(1) instanceof Map<?, ?> tree)) {
            throw args.type("give the values as {objectId: {instanceId: {resourceId: value}}}");
        }
        Map<Integer, Map<Integer, Map<?, ?>>> instances = instancesOf(args, tree);
        boolean composite = CallOptions.flag(args.rawOptions().get("composite"));
        CallOptions options = instances.isEmpty() ? CallOptions.unchecked(args.rawOptions()) : args.options(true, false);
        return new CallRequest(new DeviceOperation.WriteMulti(endpoint, instances, composite), options);
    }

    /** {@code writeAttrs(ep, path, {pmin, pmax, gt, lt, st, epmin, epmax}, opts)}. */
    public CallRequest writeAttrs(List<Object> raw) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.writeAttrs", raw, 3);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        if (!(args.get(2) instanceof Map<?, ?> given)) {
            throw args.type("give the attributes as {pmin, pmax, gt, lt, st, epmin, epmax}");
        }
        LwM2mAttributeSet set;
        try {
            set = Attributes.attributeSet(given);
        } catch (ValueException e) {
            throw args.type(e.getMessage());
        }
        return new CallRequest(new DeviceOperation.WriteAttributes(endpoint, path, set), args.options(false, false));
    }

    /** {@code exec(ep, path, opts)}, or {@code exec(ep, path, "0='x'", opts)} which is {@code execWithArgs}. */
    public CallRequest exec(List<Object> raw) throws HostCallException {
        return execute(CallArgs.of("lwm2m.exec", raw, 2));
    }

    /** {@code execWithArgs(ep, path, {"0": "abc"}, opts)}: arguments sent as {@code 0='abc'}. */
    public CallRequest execWithArgs(List<Object> raw) throws HostCallException {
        return execute(CallArgs.of("lwm2m.execWithArgs", raw, 3));
    }

    private static CallRequest execute(CallArgs args) throws HostCallException {
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        Object given = args.get(2);
        Arguments arguments;
        try {
            if (given == null) {
                arguments = Arguments.emptyArguments();
            } else if (given instanceof String text) {
                arguments = Executes.parse(text);
            } else if (given instanceof Map<?, ?> map) {
                arguments = Executes.of(map);
            } else {
                throw new ValueException("arguments must be text like 0='abc' or an object like {\"0\": \"abc\"}");
            }
        } catch (ValueException e) {
            throw args.type(e.getMessage());
        }
        return new CallRequest(new DeviceOperation.Execute(endpoint, path, arguments), args.options(false, false));
    }

    /** {@code create(ep, "19" or "19/0", {resId: value}, opts)}. */
    public CallRequest create(List<Object> raw) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.create", raw, 3);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        if (!path.isObject() && !path.isObjectInstance()) {
            throw args.type("give an object ('19') or an instance ('19/0') path");
        }
        Object given = args.get(2) == null ? new LinkedHashMap<>() : args.get(2);
        if (!(given instanceof Map<?, ?> resources)) {
            throw args.type("give the resources as {resourceId: value}");
        }
        return new CallRequest(new DeviceOperation.Create(endpoint, path, resources), args.options(true, false));
    }

    /** {@code delete(ep, path, opts)}. */
    public CallRequest delete(List<Object> raw) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.delete", raw, 2);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        return new CallRequest(new DeviceOperation.Delete(endpoint, path), args.options(false, false));
    }

    /** {@code discover(ep, path, opts)}. */
    public CallRequest discover(List<Object> raw) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.discover", raw, 2);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        return new CallRequest(new DeviceOperation.Discover(endpoint, path), args.options(false, false));
    }

    /** {@code observe(ep, paths, opts)}. */
    public CallRequest observe(List<Object> raw) throws HostCallException {
        return onPaths(CallArgs.of("lwm2m.observe", raw, 2), DeviceOperation.Observe::new);
    }

    /** Makes a read or an observe of the paths at position 1 ({@code composite} in the options). */
    @FunctionalInterface
    private interface OnPaths {
        DeviceOperation.PathList make(String endpoint, List<LwM2mPath> paths, boolean composite);
    }

    /** A call on a path list; without a path it asks nothing, and its options but {@code async} are not read. */
    private static CallRequest onPaths(CallArgs args, OnPaths operation) throws HostCallException {
        String endpoint = args.endpoint();
        List<String> texts = args.paths(1);
        boolean composite = CallOptions.flag(args.rawOptions().get("composite"));
        if (texts.isEmpty()) {
            return new CallRequest(operation.make(endpoint, List.of(), composite), CallOptions.unchecked(args.rawOptions()));
        }
        List<LwM2mPath> paths = args.parsePaths(texts);
        return new CallRequest(operation.make(endpoint, paths, composite), args.options(true, true));
    }

    /** {@code observeCancel(ep, tokenOrPath, opts)}: a token, a path ("3/0/13"), or an array mixing both. */
    public CallRequest observeCancel(List<Object> raw) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.observeCancel", raw, 2);
        String endpoint = args.endpoint();
        List<String> texts = cancelTargets(args, args.get(1));
        CallOptions options = args.options(false, false);
        List<CancelTarget> targets = new ArrayList<>();
        for (String text : texts) {
            targets.add(OBSERVED_PATH.matcher(text).matches()
                    ? new CancelTarget.OfPath(args.parsePaths(List.of(text)).get(0))
                    : new CancelTarget.Token(text));
        }
        return new CallRequest(new DeviceOperation.ObserveCancel(endpoint, targets), options);
    }

    /**
     * What {@code lwm2m.lastKnown(ep, {includeUpdateTimes, translateIds})} asks for.
     *
     * @param ids the key format; numbers unless asked otherwise
     */
    public record LastKnownQuery(String endpoint, IdFormat ids, boolean includeUpdateTimes) {}

    /** {@code lastKnown(ep, opts)}: no device operation, but its arguments are read as theirs are. */
    public static LastKnownQuery lastKnown(List<Object> raw) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.lastKnown", raw, 1);
        String endpoint = args.endpoint();
        IdFormat ids = CallOptions.idFormat(args.function(), args.rawOptions().get("translateIds"));
        Object updateTimes = args.rawOptions().get("includeUpdateTimes");
        return new LastKnownQuery(endpoint, ids == null ? IdFormat.NUMBERS : ids,
                updateTimes == null || CallOptions.flag(updateTimes));
    }

    private static List<String> cancelTargets(CallArgs args, Object arg) throws HostCallException {
        List<String> out = new ArrayList<>();
        if (arg instanceof String s && !s.isBlank()) {
            out.add(s.trim());
        } else if (arg instanceof List<?> list && !list.isEmpty()) {
            for (Object o : list) {
                if (!(o instanceof String s) || s.isBlank()) {
                    out.clear();
                    break;
                }
                out.add(s.trim());
            }
        }
        if (out.isEmpty()) {
            throw args.type("give the token lwm2m.observe returned or a path like '3/0/13' (or an array of them),"
                    + " not " + CallArgs.describe(arg));
        }
        return out;
    }

    /** {@code {obj: {inst: {res: value}}}} with object keys as ids or names, checked for shape. */
    private Map<Integer, Map<Integer, Map<?, ?>>> instancesOf(CallArgs args, Map<?, ?> tree) throws HostCallException {
        Map<Integer, Map<Integer, Map<?, ?>>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> o : tree.entrySet()) {
            String objectKey = String.valueOf(o.getKey());
            Integer objectId = registry.objectIdForKey(objectKey)
                    .orElseThrow(() -> args.type("unknown object '" + objectKey + "'"));
            if (!(o.getValue() instanceof Map<?, ?> insts)) {
                throw args.type("object " + objectKey + " must hold {instanceId: {resourceId: value}}");
            }
            Map<Integer, Map<?, ?>> byId = out.computeIfAbsent(objectId, k -> new LinkedHashMap<>());
            for (Map.Entry<?, ?> i : insts.entrySet()) {
                String instanceKey = String.valueOf(i.getKey());
                if (!instanceKey.matches("\\d{1,5}") || Integer.parseInt(instanceKey) > 65535) {
                    throw args.type("instance ids must be numbers, not '" + instanceKey + "'");
                }
                if (!(i.getValue() instanceof Map<?, ?> resources)) {
                    throw args.type("instance " + objectId + "/" + instanceKey + " must hold {resourceId: value}");
                }
                byId.put(Integer.parseInt(instanceKey), resources);
            }
            if (byId.isEmpty()) {
                out.remove(objectId);
            }
        }
        return out;
    }
}
