package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.device.DeviceOperation.Read;
import io.lwm2mbridge.engine.lwm2m.DeviceException;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.LastKnownValues;
import io.lwm2mbridge.engine.lwm2m.ReadOutcome;
import io.lwm2mbridge.engine.lwm2m.json.CallResults;
import io.lwm2mbridge.engine.lwm2m.json.LastKnownTree;
import io.lwm2mbridge.engine.lwm2m.requests.Attributes;
import io.lwm2mbridge.engine.lwm2m.requests.CallOutcome;
import io.lwm2mbridge.engine.lwm2m.requests.Executes;
import io.lwm2mbridge.engine.lwm2m.requests.Instances;
import io.lwm2mbridge.engine.lwm2m.requests.Observations;
import io.lwm2mbridge.engine.lwm2m.requests.ValueException;
import io.lwm2mbridge.engine.lwm2m.requests.WriteValues;
import io.lwm2mbridge.engine.lwm2m.requests.Writes;
import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.ObjectRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Runs device operations ({@link DeviceOperation}, as {@link CallParser} reads them from a script, a
 * REST or MQTT body or the held queue). Each call returns at once with a {@link PendingCall}; an
 * asynchronous one ends in events, a synchronous one in its result.
 *
 * <p>Everything found once the arguments are read (the endpoint is not registered, a value does not
 * fit the resource type the device's object version gives, the device fails or does not answer) is
 * the call's outcome, a {@link DeviceCallException} carrying {@link io.lwm2mbridge.engine.lwm2m.DeviceFailure}s
 * when synchronous, {@code lwm2m-error} (and {@code lwm2m-result} with a context) when asynchronous;
 * nothing is sent for a value that does not fit.
 */
public final class DeviceCalls {

    private final DeviceRequests requests;
    private final Settings settings;
    private final DeviceEvents events;
    private final LastKnownValues lastKnown;
    private final Observations observations;
    private final CallParser parser;
    private final CallFlow flow;
    private final ObservationCancels cancels;
    private final WriteValues values;
    private final Writes writes;
    private final Executes executes;
    private final Instances instances;
    private final Attributes attributes;
    /** Where calls to sleeping queue-mode devices wait; null until {@link #holdWhileAsleep} is called. */
    private volatile DeviceQueue queue;

    public DeviceCalls(DeviceRequests requests, ObjectRegistry registry, Settings settings, DeviceEvents events,
            LastKnownValues lastKnown, Observations observations) {
        this.requests = requests;
        this.settings = settings;
        this.events = events;
        this.lastKnown = lastKnown;
        this.observations = observations;
        this.parser = new CallParser(registry);
        this.flow = new CallFlow(requests, events);
        this.cancels = new ObservationCancels(observations, flow);
        this.values = new WriteValues(registry);
        this.writes = new Writes(requests);
        this.executes = new Executes(requests);
        this.instances = new Instances(requests);
        this.attributes = new Attributes(requests);
    }

    public DeviceRequests requests() {
        return requests;
    }

    /** Reads device calls from script arguments; the one parser every way in shares. */
    public CallParser parser() {
        return parser;
    }

    /** {@link #call(DeviceOperation, CallOptions)} of a parsed call. */
    public PendingCall call(CallRequest call) {
        return call(call.operation(), call.options());
    }

    /**
     * Makes a call: at once, or, for a sleeping queue-mode device, held until it wakes (asynchronous) or
     * refused (synchronous). A call that asks nothing (no path) ends at once.
     */
    public PendingCall call(DeviceOperation operation, CallOptions options) {
        if (operation.empty()) {
            return PendingCall.done(options.async() ? null : new LinkedHashMap<>());
        }
        DeviceQueue q = queue;
        if (q == null || operation instanceof DeviceOperation.ObserveCancel) {
            return send(operation, options);
        }
        return switch (q.decide(operation.endpoint(), options.async())) {
            case SEND -> send(operation, options);
            case HOLD -> {
                q.hold(new CallRequest(operation, options));
                yield PendingCall.done(null);
            }
            case REFUSE -> flow.failedBeforeSending(operation.endpoint(), operation.source(), operation.pathNames(),
                    options, DeviceQueue.SLEEPING);
        };
    }

    /**
     * Sends a call now, whether or not the device seems awake, ending in its usual events: how the held
     * queue makes a call it held once the device wakes.
     */
    public PendingCall send(DeviceOperation operation, CallOptions options) {
        Duration timeout = options.timeout() != null ? options.timeout()
                : Duration.ofSeconds(settings.integer(Settings.DEVICE_TIMEOUT_S));
        return switch (operation) {
            case Read read -> read(read, options, timeout);
            case DeviceOperation.ObserveCancel cancel -> cancels.cancel(cancel, options, timeout);
            case DeviceOperation.Write w -> run(w, options, timeout, reg -> writes.write(reg, w.path(),
                    values.node(reg, w.path(), w.value(), options.encodingName()), options.replace(), options.format(),
                    timeout));
            case DeviceOperation.WriteMulti m -> run(m, options, timeout, reg -> writeMulti(reg, m, options, timeout));
            case DeviceOperation.WriteAttributes a -> run(a, options, timeout,
                    reg -> attributes.writeAttributes(reg, a.path(), a.attributes(), timeout));
            case DeviceOperation.Execute e -> run(e, options, timeout,
                    reg -> executes.execute(reg, e.path(), e.arguments(), timeout));
            case DeviceOperation.Create c -> run(c, options, timeout, reg -> {
                Integer instanceId = c.path().getObjectInstanceId();
                List<LwM2mResource> resources = values.resources(reg, c.path().getObjectId(),
                        instanceId == null ? 0 : instanceId, c.resources(), options.encodingName());
                return instances.create(reg, c.path().getObjectId(), instanceId, resources, options.format(), timeout);
            });
            case DeviceOperation.Delete d -> run(d, options, timeout, reg -> instances.delete(reg, d.path(), timeout));
            case DeviceOperation.Discover d -> flow.call(d.endpoint(), d.source(), d.pathNames(), options, timeout,
                    reg -> attributes.discover(reg, d.path(), timeout), out -> out.result().get("links"));
            case DeviceOperation.Observe o -> flow.call(o.endpoint(), o.source(), o.pathNames(), options, timeout,
                    reg -> observations.observe(reg, o.paths(), o.composite(), options.format(), ids(options),
                            options.context(), timeout),
                    CallOutcome::result); // {tokens}, as CallResults.tokens made it
        };
    }

    /** An operation whose synchronous result is the plain {@code {source, path, success}}. */
    private PendingCall run(DeviceOperation operation, CallOptions options, Duration timeout, CallFlow.Operation start) {
        return flow.call(operation.endpoint(), operation.source(), operation.pathNames(), options, timeout, start,
                out -> CallFlow.plainResult(operation.source(), out));
    }

    private PendingCall read(Read read, CallOptions options, Duration timeout) {
        String endpoint = read.endpoint();
        List<String> pathNames = read.pathNames();
        IdFormat ids = ids(options);
        Registration reg;
        try {
            reg = requests.registration(endpoint);
        } catch (DeviceException e) {
            return flow.notFound(endpoint, "read", pathNames, options, e);
        }
        CompletableFuture<ReadOutcome> future;
        try {
            future = requests.read(reg, read.paths(), options.format(), read.composite(), ids, timeout);
        } catch (RuntimeException e) {
            return flow.failedBeforeSending(endpoint, "read", pathNames, options, CallFlow.refusedByLeshan("read", e));
        }
        if (options.async()) {
            return PendingCall.settling(future.thenAccept(out -> {
                if (!out.succeeded().isEmpty()) {
                    events.data(endpoint, "read", out.succeeded(), out.tree(), ids.option(), options.context());
                }
                events.finished(endpoint, "read", pathNames, DeviceFailure.messages(out.errors()), options.hasContext(),
                        options.context());
            }));
        }
        return new PendingCall(future.thenApply(out -> {
            if (!out.ok()) {
                throw new CompletionException(new DeviceCallException(out.errors()));
            }
            if (options.returnValue()) {
                LwM2mNode node = out.nodes().values().iterator().next();
                return CallResults.value(requests.trees().valueOf(node));
            }
            return out.tree().json();
        }), timeout.plus(CallFlow.GRACE));
    }

    /**
     * One Write-Composite with {@code composite: true} on a 1.1 client, one partial-update write per
     * instance otherwise; either way one outcome, whose paths are the instances ("3/0,1/0").
     */
    private CompletableFuture<CallOutcome> writeMulti(Registration reg, DeviceOperation.WriteMulti m, CallOptions options,
            Duration timeout) throws ValueException {
        String codec = options.encodingName();
        if (m.composite() && DeviceRequests.supportsComposite(reg)) {
            Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
            for (var o : m.instances().entrySet()) {
                for (var i : o.getValue().entrySet()) {
                    for (LwM2mResource r : values.resources(reg, o.getKey(), i.getKey(), i.getValue(),
                            options.hasEncoding() ? codec : "senml_cbor")) {
                        nodes.put(new LwM2mPath(o.getKey(), i.getKey(), r.getId()), r);
                    }
                }
            }
            return writes.writeComposite(reg, nodes, m.pathNames(), options.format(), timeout);
        }
        Map<Integer, List<LwM2mObjectInstance>> built = new LinkedHashMap<>();
        for (var o : m.instances().entrySet()) {
            List<LwM2mObjectInstance> list = new ArrayList<>();
            for (var i : o.getValue().entrySet()) {
                list.add(values.instance(reg, o.getKey(), i.getKey(), i.getValue(), codec));
            }
            built.put(o.getKey(), list);
        }
        return writes.writeInstances(reg, built, options.format(), timeout);
    }

    /** {@code lwm2m.lastKnown}: what the device last reported, without asking it. */
    public Map<String, Object> lastKnown(CallParser.LastKnownQuery query) {
        Registration reg;
        try {
            reg = requests.registration(query.endpoint());
        } catch (DeviceException e) {
            reg = null; // values are kept after the device leaves; names then follow the latest definitions
        }
        return LastKnownTree.of(lastKnown.snapshot(query.endpoint()), requests.trees(), query.ids(),
                query.includeUpdateTimes(), reg);
    }

    /** From now on, asks {@code queue} about every call to a device (queue mode). */
    public void holdWhileAsleep(DeviceQueue queue) {
        this.queue = queue;
    }

    /** The key format asked for, else {@code translate_ids}. */
    IdFormat ids(CallOptions options) {
        return options.ids() != null ? options.ids() : IdFormat.fromOption(settings.string(Settings.TRANSLATE_IDS));
    }
}
