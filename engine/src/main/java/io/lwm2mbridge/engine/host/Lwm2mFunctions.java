package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.lwm2m.DeviceErrors;
import io.lwm2mbridge.engine.lwm2m.DeviceException;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.ReadOutcome;
import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.ObjectDefView;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.ScriptRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.node.InvalidLwM2mPathException;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.server.registration.Registration;

/**
 * The {@code lwm2m} host object. Synchronous calls block only the script's worker thread (through
 * {@link ScriptRun#await}); asynchronous ones return at once and end in events.
 */
public final class Lwm2mFunctions {

    /** Extra time a synchronous call waits beyond the device timeout, so Leshan's own timeout answers first. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final DeviceRequests requests;
    private final ObjectRegistry registry;
    private final Settings settings;
    private final DeviceEvents events;

    public Lwm2mFunctions(DeviceRequests requests, ObjectRegistry registry, Settings settings,
            io.lwm2mbridge.engine.events.EventBus bus, io.lwm2mbridge.engine.endpoints.EndpointService endpoints) {
        this.requests = requests;
        this.registry = registry;
        this.settings = settings;
        this.events = new DeviceEvents(bus, endpoints);
    }

    public void register(HostApi.Builder api) {
        api.add("lwm2m.read", this::read);
        api.add("lwm2m.getObjectDef", this::getObjectDef);
    }

    Object read(ScriptRun run, List<Object> rawArgs) throws HostCallException {
        CallArgs args = CallArgs.of("lwm2m.read", rawArgs, 1);
        String endpoint = args.endpoint();
        List<String> texts = args.paths(1);
        CallOptions options = args.options();
        if (texts.isEmpty()) {
            return options.async() ? null : new LinkedHashMap<>();
        }
        List<LwM2mPath> paths = parsePaths("lwm2m.read", texts);
        ContentFormat format = options.contentFormat();
        IdFormat ids = options.idFormat(defaultIds());
        Duration timeout = options.timeout(Duration.ofSeconds(settings.integer(Settings.DEVICE_TIMEOUT_S)));
        List<String> pathNames = paths.stream().map(DeviceRequests::text).toList();

        Registration reg;
        try {
            reg = requests.registration(endpoint);
        } catch (DeviceException e) {
            if (options.async()) {
                events.finished(endpoint, "read", pathNames, failAll(pathNames, e.getMessage()), options.hasContext(),
                        options.context());
                return null;
            }
            throw new HostCallException(e.getMessage());
        }
        CompletableFuture<ReadOutcome> future = requests.read(reg, paths, format, options.composite(), ids, timeout);
        if (options.async()) {
            Object context = options.context();
            boolean hasContext = options.hasContext();
            future.thenAccept(out -> {
                if (!out.succeeded().isEmpty()) {
                    events.data(endpoint, "read", out.succeeded(), out.tree(), ids.option(), context);
                }
                events.finished(endpoint, "read", pathNames, out.errors(), hasContext, context);
            });
            return null;
        }
        ReadOutcome out = run.await(future, timeout.plus(GRACE), DeviceErrors.NO_RESPONSE);
        if (!out.ok()) {
            throw new HostCallException(errorMessage(out.errors()));
        }
        if (options.returnValue()) {
            if (paths.size() != 1 || !(paths.get(0).isResource() || paths.get(0).isResourceInstance())) {
                throw new HostCallException("lwm2m.read: return: 'value' needs exactly one resource path", "TypeError");
            }
            LwM2mNode node = out.nodes().values().iterator().next();
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("value", requests.trees().valueOf(node));
            return value;
        }
        return out.tree();
    }

    Object getObjectDef(ScriptRun run, List<Object> args) throws HostCallException {
        Object id = args.isEmpty() ? null : args.get(0);
        int objectId;
        try {
            objectId = id instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(id).trim());
        } catch (NumberFormatException e) {
            throw new HostCallException("lwm2m.getObjectDef: the object id must be a number, not '" + id + "'", "TypeError");
        }
        return registry.get(objectId).map(ObjectDefView::toDef).orElse(null);
    }

    private IdFormat defaultIds() {
        return IdFormat.fromOption(settings.string(Settings.TRANSLATE_IDS));
    }

    static List<LwM2mPath> parsePaths(String function, List<String> texts) throws HostCallException {
        List<LwM2mPath> out = new ArrayList<>();
        for (String t : texts) {
            String s = t.trim();
            try {
                LwM2mPath p = new LwM2mPath(s.startsWith("/") ? s : "/" + s);
                if (p.isRoot()) {
                    throw new InvalidLwM2mPathException("the root path cannot be used here");
                }
                out.add(p);
            } catch (InvalidLwM2mPathException | IllegalArgumentException e) {
                throw new HostCallException(function + ": invalid path '" + t + "' (expected like '3/0/0'): "
                        + e.getMessage(), "TypeError");
            }
        }
        return out;
    }

    private static Map<String, String> failAll(List<String> paths, String message) {
        Map<String, String> errors = new LinkedHashMap<>();
        paths.forEach(p -> errors.put(p, message));
        return errors;
    }

    /** A single failing path: its own message; several: each path with its message. */
    static String errorMessage(Map<String, String> errors) {
        if (errors.size() == 1) {
            return errors.values().iterator().next();
        }
        List<String> parts = new ArrayList<>();
        errors.forEach((path, message) -> parts.add(path + ": " + message));
        return String.join("; ", parts);
    }
}
