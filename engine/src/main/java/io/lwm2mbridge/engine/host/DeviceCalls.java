package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.lwm2m.DeviceException;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.LastKnownValues;
import io.lwm2mbridge.engine.lwm2m.ReadOutcome;
import io.lwm2mbridge.engine.lwm2m.requests.Attributes;
import io.lwm2mbridge.engine.lwm2m.requests.CallOutcome;
import io.lwm2mbridge.engine.lwm2m.requests.Executes;
import io.lwm2mbridge.engine.lwm2m.requests.Instances;
import io.lwm2mbridge.engine.lwm2m.requests.ObservationRegistry;
import io.lwm2mbridge.engine.lwm2m.requests.Observations;
import io.lwm2mbridge.engine.lwm2m.requests.ValueException;
import io.lwm2mbridge.engine.lwm2m.requests.WriteValues;
import io.lwm2mbridge.engine.lwm2m.requests.Writes;
import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.server.registration.Registration;

/**
 * The device calls of SCRIPTING.md ({@code read}, {@code write}, {@code writeMulti}, ..., {@code
 * observe}), taking their arguments as scripts give them: the last plain object is the options. Each
 * call returns at once with a {@link PendingCall}; an asynchronous one ends in events, a synchronous
 * one in its result. Used by the {@code lwm2m} host object and by the REST device operations.
 *
 * <p>Errors in the arguments themselves (a bad path, option, attribute or argument list) are thrown at
 * once as {@link HostCallException}. Everything found later (the endpoint is not registered, a value
 * does not fit the resource type the device's object version gives, the device fails or does not
 * answer) is the call's outcome: thrown when synchronous, {@code lwm2m-error} (and {@code lwm2m-result}
 * with a context) when asynchronous; nothing is sent for a value that does not fit.
 */
public final class DeviceCalls {

    /**
     * A path as {@code observe} takes it ("3/0/13", "/3"); never a token (16 hex digits), so a target
     * that is not one is taken for a token.
     */
    private static final Pattern OBSERVED_PATH = Pattern.compile("/?\\d{1,5}(/\\d{1,5}){0,3}");

    private final DeviceRequests requests;
    private final ObjectRegistry registry;
    private final Settings settings;
    private final DeviceEvents events;
    private final LastKnownValues lastKnown;
    private final Observations observations;
    private final CallFlow flow;
    private final WriteValues values;
    private final Writes writes;
    private final Executes executes;
    private final Instances instances;
    private final Attributes attributes;
    /** Where calls to sleeping queue-mode devices wait; null until {@link #holdWhileAsleep} is called. */
    private volatile DeviceQueue queue;
    /** Set while a held call is made again, so that it is sent rather than held a second time. */
    private static final ThreadLocal<Boolean> REPLAYING = ThreadLocal.withInitial(() -> false);

    public DeviceCalls(DeviceRequests requests, ObjectRegistry registry, Settings settings, DeviceEvents events,
            LastKnownValues lastKnown, Observations observations) {
        this.requests = requests;
        this.registry = registry;
        this.settings = settings;
        this.events = events;
        this.lastKnown = lastKnown;
        this.observations = observations;
        this.flow = new CallFlow(requests, events);
        this.values = new WriteValues(registry);
        this.writes = new Writes(requests);
        this.executes = new Executes(requests);
        this.instances = new Instances(requests);
        this.attributes = new Attributes(requests);
    }

    public DeviceRequests requests() {
        return requests;
    }

    /** {@code read(ep, paths, opts)}. */
    public PendingCall read(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.read", rawArgs, 1);
        String endpoint = args.endpoint();
        List<String> texts = args.paths(1);
        CallOptions options = args.options();
        if (texts.isEmpty()) {
            return PendingCall.done(options.async() ? null : new LinkedHashMap<>());
        }
        List<LwM2mPath> paths = CallArgs.parsePaths("lwm2m.read", texts);
        ContentFormat format = options.contentFormat();
        IdFormat ids = options.idFormat(defaultIds());
        Duration timeout = timeout(options);
        boolean value = options.returnValue();
        if (value && (paths.size() != 1 || !(paths.get(0).isResource() || paths.get(0).isResourceInstance()))) {
            throw new HostCallException("lwm2m.read: return: 'value' needs exactly one resource path", "TypeError");
        }
        List<String> pathNames = paths.stream().map(DeviceRequests::text).toList();
        PendingCall held = held("read", rawArgs, endpoint, "read", pathNames, options);
        if (held != null) {
            return held;
        }
        Registration reg;
        try {
            reg = requests.registration(endpoint);
        } catch (DeviceException e) {
            return flow.notFound(endpoint, "read", pathNames, options, e);
        }
        CompletableFuture<ReadOutcome> future;
        try {
            future = requests.read(reg, paths, format, options.composite(), ids, timeout);
        } catch (RuntimeException e) {
            // Leshan checks a request as it is built (overlapping composite paths, say): nothing was sent
            return flow.failedBeforeSending(endpoint, "read", pathNames, options,
                    new DeviceCallException("cannot read: " + e.getMessage(), DeviceCallException.Kind.BAD_VALUE, null));
        }
        if (options.async()) {
            return PendingCall.settling(future.thenAccept(out -> {
                if (!out.succeeded().isEmpty()) {
                    events.data(endpoint, "read", out.succeeded(), out.tree(), ids.option(), options.context());
                }
                events.finished(endpoint, "read", pathNames, out.errors(), options.hasContext(), options.context());
            }));
        }
        return new PendingCall(future.thenApply(out -> {
            if (!out.ok()) {
                throw new CompletionException(DeviceCallException.of(out.errors()));
            }
            if (value) {
                LwM2mNode node = out.nodes().values().iterator().next();
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("value", requests.trees().valueOf(node));
                return result;
            }
            return out.tree();
        }), timeout.plus(CallFlow.GRACE));
    }

    /** {@code write(ep, path, value, opts)}: a resource, or an instance from {@code {resId: value}}. */
    public PendingCall write(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.write", rawArgs, 3);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        Object value = args.get(2);
        if (value == null) {
            throw new HostCallException("lwm2m.write: give the value to write after the path", "TypeError");
        }
        CallOptions options = args.options();
        ContentFormat format = options.contentFormat();
        Duration timeout = timeout(options);
        PendingCall held = held("write", rawArgs, endpoint, "write", List.of(DeviceRequests.text(path)), options);
        if (held != null) {
            return held;
        }
        return flow.call(endpoint, "write", List.of(DeviceRequests.text(path)), options, timeout,
                reg -> writes.write(reg, path, values.node(reg, path, value, options.encodingName()), options.replace(),
                        format, timeout),
                out -> CallFlow.plainResult("write", out));
    }

    /**
     * {@code writeMulti(ep, {obj: {inst: {res: value}}}, opts)}: one Write-Composite with {@code
     * composite: true} on a 1.1 client, one partial-update write per instance otherwise; either way one
     * outcome, whose paths are the instances ("3/0,1/0").
     */
    public PendingCall writeMulti(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.writeMulti", rawArgs, 2);
        String endpoint = args.endpoint();
        CallOptions options = args.options();
        if (!(args.get(1) instanceof Map<?, ?> tree)) {
            throw new HostCallException("lwm2m.writeMulti: give the values as {objectId: {instanceId: {resourceId: value}}}",
                    "TypeError");
        }
        Map<Integer, Map<Integer, Map<?, ?>>> byInstance = instancesOf(tree);
        if (byInstance.isEmpty()) {
            return PendingCall.done(options.async() ? null : new LinkedHashMap<>());
        }
        List<String> pathNames = new ArrayList<>();
        byInstance.forEach((o, insts) -> insts.keySet().forEach(i -> pathNames.add(o + "/" + i)));
        ContentFormat format = options.contentFormat();
        Duration timeout = timeout(options);
        PendingCall held = held("writeMulti", rawArgs, endpoint, "writeMulti", pathNames, options);
        if (held != null) {
            return held;
        }
        return flow.call(endpoint, "writeMulti", pathNames, options, timeout, reg -> {
            String codec = options.encodingName();
            if (options.composite() && DeviceRequests.supportsComposite(reg)) {
                Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
                for (var o : byInstance.entrySet()) {
                    for (var i : o.getValue().entrySet()) {
                        for (LwM2mResource r : values.resources(reg, o.getKey(), i.getKey(), i.getValue(),
                                options.hasEncoding() ? codec : "senml_cbor")) {
                            nodes.put(new LwM2mPath(o.getKey(), i.getKey(), r.getId()), r);
                        }
                    }
                }
                return writes.writeComposite(reg, nodes, pathNames, format, timeout);
            }
            Map<Integer, List<LwM2mObjectInstance>> built = new LinkedHashMap<>();
            for (var o : byInstance.entrySet()) {
                List<LwM2mObjectInstance> list = new ArrayList<>();
                for (var i : o.getValue().entrySet()) {
                    list.add(values.instance(reg, o.getKey(), i.getKey(), i.getValue(), codec));
                }
                built.put(o.getKey(), list);
            }
            return writes.writeInstances(reg, built, format, timeout);
        }, out -> CallFlow.plainResult("writeMulti", out));
    }

    /** {@code writeAttrs(ep, path, {pmin, pmax, gt, lt, st, epmin, epmax}, opts)}. */
    public PendingCall writeAttrs(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.writeAttrs", rawArgs, 3);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        if (!(args.get(2) instanceof Map<?, ?> given)) {
            throw new HostCallException("lwm2m.writeAttrs: give the attributes as {pmin, pmax, gt, lt, st, epmin, epmax}",
                    "TypeError");
        }
        LwM2mAttributeSet set;
        try {
            set = Attributes.attributeSet(given);
        } catch (ValueException e) {
            throw new HostCallException("lwm2m.writeAttrs: " + e.getMessage(), "TypeError");
        }
        CallOptions options = args.options();
        Duration timeout = timeout(options);
        PendingCall held = held("writeAttrs", rawArgs, endpoint, "writeAttrs", List.of(DeviceRequests.text(path)), options);
        if (held != null) {
            return held;
        }
        return flow.call(endpoint, "writeAttrs", List.of(DeviceRequests.text(path)), options, timeout,
                reg -> attributes.writeAttributes(reg, path, set, timeout), out -> CallFlow.plainResult("writeAttrs", out));
    }

    /** {@code exec(ep, path, opts)}, or {@code exec(ep, path, "0='x'", opts)} which is {@code execWithArgs}. */
    public PendingCall exec(List<Object> rawArgs) throws HostCallException {
        return execute("lwm2m.exec", CallArgs.of("lwm2m.exec", rawArgs, 2), rawArgs);
    }

    /** {@code execWithArgs(ep, path, {"0": "abc"}, opts)}: arguments sent as {@code 0='abc'}. */
    public PendingCall execWithArgs(List<Object> rawArgs) throws HostCallException {
        return execute("lwm2m.execWithArgs", CallArgs.of("lwm2m.execWithArgs", rawArgs, 3), rawArgs);
    }

    private PendingCall execute(String function, CallArgs args, List<Object> rawArgs) throws HostCallException {
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
            throw new HostCallException(function + ": " + e.getMessage(), "TypeError");
        }
        CallOptions options = args.options();
        Duration timeout = timeout(options);
        PendingCall held = held(function.substring("lwm2m.".length()), rawArgs, endpoint, "exec", List.of(DeviceRequests.text(path)), options);
        if (held != null) {
            return held;
        }
        return flow.call(endpoint, "exec", List.of(DeviceRequests.text(path)), options, timeout,
                reg -> executes.execute(reg, path, arguments, timeout), out -> CallFlow.plainResult("exec", out));
    }

    /** {@code create(ep, "19" or "19/0", {resId: value}, opts)}. */
    public PendingCall create(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.create", rawArgs, 3);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        if (!path.isObject() && !path.isObjectInstance()) {
            throw new HostCallException("lwm2m.create: give an object ('19') or an instance ('19/0') path", "TypeError");
        }
        Object given = args.get(2) == null ? new LinkedHashMap<>() : args.get(2);
        if (!(given instanceof Map<?, ?> resourceValues)) {
            throw new HostCallException("lwm2m.create: give the resources as {resourceId: value}", "TypeError");
        }
        CallOptions options = args.options();
        ContentFormat format = options.contentFormat();
        Duration timeout = timeout(options);
        Integer instanceId = path.getObjectInstanceId();
        PendingCall held = held("create", rawArgs, endpoint, "create", List.of(DeviceRequests.text(path)), options);
        if (held != null) {
            return held;
        }
        return flow.call(endpoint, "create", List.of(DeviceRequests.text(path)), options, timeout, reg -> {
            List<LwM2mResource> resources = values.resources(reg, path.getObjectId(),
                    instanceId == null ? 0 : instanceId, resourceValues, options.encodingName());
            return instances.create(reg, path.getObjectId(), instanceId, resources, format, timeout);
        }, out -> CallFlow.plainResult("create", out));
    }

    /** {@code delete(ep, path, opts)}. */
    public PendingCall delete(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.delete", rawArgs, 2);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        CallOptions options = args.options();
        Duration timeout = timeout(options);
        PendingCall held = held("delete", rawArgs, endpoint, "delete", List.of(DeviceRequests.text(path)), options);
        if (held != null) {
            return held;
        }
        return flow.call(endpoint, "delete", List.of(DeviceRequests.text(path)), options, timeout,
                reg -> instances.delete(reg, path, timeout), out -> CallFlow.plainResult("delete", out));
    }

    /** {@code discover(ep, path, opts)}: returns the links, {@code [{path, attributes}]}. */
    public PendingCall discover(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.discover", rawArgs, 2);
        String endpoint = args.endpoint();
        LwM2mPath path = args.path(1);
        CallOptions options = args.options();
        Duration timeout = timeout(options);
        PendingCall held = held("discover", rawArgs, endpoint, "discover", List.of(DeviceRequests.text(path)), options);
        if (held != null) {
            return held;
        }
        return flow.call(endpoint, "discover", List.of(DeviceRequests.text(path)), options, timeout,
                reg -> attributes.discover(reg, path, timeout), out -> out.result().get("links"));
    }

    /** {@code observe(ep, paths, opts)}: returns {@code {tokens: {...}}}; notifications follow as {@code lwm2m-data}. */
    public PendingCall observe(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.observe", rawArgs, 2);
        String endpoint = args.endpoint();
        List<String> texts = args.paths(1);
        CallOptions options = args.options();
        if (texts.isEmpty()) {
            return PendingCall.done(options.async() ? null : new LinkedHashMap<>());
        }
        List<LwM2mPath> paths = CallArgs.parsePaths("lwm2m.observe", texts);
        ContentFormat format = options.contentFormat();
        IdFormat ids = options.idFormat(defaultIds());
        Duration timeout = timeout(options);
        boolean composite = options.composite();
        Object context = options.context();
        PendingCall held = held("observe", rawArgs, endpoint, composite ? "observe-composite" : "observe", paths.stream().map(DeviceRequests::text).toList(), options);
        if (held != null) {
            return held;
        }
        return flow.call(endpoint, composite ? "observe-composite" : "observe",
                paths.stream().map(DeviceRequests::text).toList(), options, timeout,
                reg -> observations.observe(reg, paths, composite, format, ids, context, timeout),
                out -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("tokens", out.result().get("tokens"));
                    return result;
                });
    }

    /**
     * {@code observeCancel(ep, tokenOrPath, opts)}: cancels one observation by the token
     * {@code lwm2m.observe} returned, or every observation of a path ("3/0/13") on that endpoint; an
     * array may mix both. The result lists the tokens it ended under {@code cancelled}.
     */
    public PendingCall observeCancel(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.observeCancel", rawArgs, 2);
        String endpoint = args.endpoint();
        List<String> targets = cancelTargets(args.get(1));
        CallOptions options = args.options();
        Duration timeout = timeout(options);
        List<String> pathNames = new ArrayList<>();
        List<CompletableFuture<CallOutcome>> parts = new ArrayList<>();
        for (String target : targets) {
            if (OBSERVED_PATH.matcher(target).matches()) {
                try {
                    requests.registration(endpoint);
                } catch (DeviceException e) {
                    return flow.notFound(endpoint, "observeCancel", List.of(target), options, e);
                }
                LwM2mPath path = CallArgs.parsePaths("lwm2m.observeCancel", List.of(target)).get(0);
                pathNames.add(DeviceRequests.text(path));
                parts.add(observations.cancelPath(endpoint, path, timeout));
            } else {
                ObservationRegistry.Entry entry = observations.registry().get(target);
                try {
                    parts.add(observations.cancel(endpoint, target, timeout));
                } catch (DeviceException e) {
                    return flow.notFound(endpoint, "observeCancel", pathNames, options, e);
                }
                pathNames.addAll(entry.pathTexts()); // cancel found it, so it was there
            }
        }
        CompletableFuture<CallOutcome> future = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    List<String> cancelled = new ArrayList<>();
                    for (CompletableFuture<CallOutcome> part : parts) {
                        if (part.join().result().get("cancelled") instanceof List<?> tokens) {
                            tokens.forEach(t -> cancelled.add((String) t));
                        }
                    }
                    return CallOutcome.success(pathNames, Observations.cancelled(cancelled));
                });
        return flow.finish(endpoint, "observeCancel", pathNames, options, timeout, future,
                out -> CallFlow.plainResult("observeCancel", out));
    }

    private static List<String> cancelTargets(Object arg) throws HostCallException {
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
            throw new HostCallException("lwm2m.observeCancel: give the token lwm2m.observe returned or a path like"
                    + " '3/0/13' (or an array of them), not " + Args.describe(arg), "TypeError");
        }
        return out;
    }

    /** {@code lastKnown(ep, {includeUpdateTimes, translateIds})}: what the device last reported, without asking it. */
    public Map<String, Object> lastKnown(List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.lastKnown", rawArgs, 1);
        String endpoint = args.endpoint();
        CallOptions options = args.options();
        IdFormat ids = options.idFormat(IdFormat.NUMBERS);
        Registration reg;
        try {
            reg = requests.registration(endpoint);
        } catch (DeviceException e) {
            reg = null; // values are kept after the device leaves; names then follow the latest definitions
        }
        return lastKnown.tree(endpoint, ids, options.includeUpdateTimes(), reg);
    }

    /** {@code {obj: {inst: {res: value}}}} with object keys as ids or names, checked for shape. */
    private Map<Integer, Map<Integer, Map<?, ?>>> instancesOf(Map<?, ?> tree) throws HostCallException {
        Map<Integer, Map<Integer, Map<?, ?>>> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> o : tree.entrySet()) {
            String objectKey = String.valueOf(o.getKey());
            Integer objectId = registry.objectIdForKey(objectKey).orElseThrow(() -> new HostCallException(
                    "lwm2m.writeMulti: unknown object '" + objectKey + "'", "TypeError"));
            if (!(o.getValue() instanceof Map<?, ?> insts)) {
                throw new HostCallException("lwm2m.writeMulti: object " + objectKey
                        + " must hold {instanceId: {resourceId: value}}", "TypeError");
            }
            Map<Integer, Map<?, ?>> byId = out.computeIfAbsent(objectId, k -> new LinkedHashMap<>());
            for (Map.Entry<?, ?> i : insts.entrySet()) {
                String instanceKey = String.valueOf(i.getKey());
                if (!instanceKey.matches("\\d{1,5}") || Integer.parseInt(instanceKey) > 65535) {
                    throw new HostCallException("lwm2m.writeMulti: instance ids must be numbers, not '" + instanceKey
                            + "'", "TypeError");
                }
                if (!(i.getValue() instanceof Map<?, ?> resources)) {
                    throw new HostCallException("lwm2m.writeMulti: instance " + objectId + "/" + instanceKey
                            + " must hold {resourceId: value}", "TypeError");
                }
                byId.put(Integer.parseInt(instanceKey), resources);
            }
            if (byId.isEmpty()) {
                out.remove(objectId);
            }
        }
        return out;
    }

    /** From now on, asks {@code queue} about every call to a device (queue mode). */
    public void holdWhileAsleep(DeviceQueue queue) {
        this.queue = queue;
    }

    /**
     * Makes a held call again, as the script made it: sent now, whether or not the device seems awake,
     * ending in its usual events.
     *
     * @throws HostCallException when the function is unknown or its arguments no longer fit
     */
    public PendingCall replay(String function, List<Object> args) throws HostCallException {
        REPLAYING.set(true);
        try {
            return switch (function) {
                case "read" -> read(args);
                case "write" -> write(args);
                case "writeMulti" -> writeMulti(args);
                case "writeAttrs" -> writeAttrs(args);
                case "exec" -> exec(args);
                case "execWithArgs" -> execWithArgs(args);
                case "create" -> create(args);
                case "delete" -> delete(args);
                case "discover" -> discover(args);
                case "observe" -> observe(args);
                default -> throw new HostCallException("cannot replay unknown call lwm2m." + function, "TypeError");
            };
        } finally {
            REPLAYING.set(false);
        }
    }

    /** Null to send the call now; else how it ends for now (held for a sleeping device, or refused). */
    private PendingCall held(String function, List<Object> rawArgs, String endpoint, String source,
            List<String> pathNames, CallOptions options) {
        DeviceQueue q = queue;
        if (q == null || REPLAYING.get()) {
            return null;
        }
        return switch (q.decide(endpoint, options.async())) {
            case SEND -> null;
            case HOLD -> {
                q.hold(new DeviceQueue.HeldCall(endpoint, function, new ArrayList<>(rawArgs), source, pathNames,
                        options.hasContext(), options.context()));
                yield PendingCall.done(null);
            }
            case REFUSE -> flow.failedBeforeSending(endpoint, source, pathNames, options,
                    new DeviceCallException(DeviceQueue.SLEEPING, DeviceCallException.Kind.DEVICE_ERROR, null));
        };
    }

    private Duration timeout(CallOptions options) throws HostCallException {
        return options.timeout(Duration.ofSeconds(settings.integer(Settings.DEVICE_TIMEOUT_S)));
    }

    private IdFormat defaultIds() {
        return IdFormat.fromOption(settings.string(Settings.TRANSLATE_IDS));
    }

}
