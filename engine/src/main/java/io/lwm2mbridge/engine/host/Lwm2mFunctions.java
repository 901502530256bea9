package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.lwm2m.DeviceErrors;
import io.lwm2mbridge.objects.ObjectDefView;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.ScriptRun;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The {@code lwm2m} host object. Synchronous calls block only the script's worker thread (through
 * {@link ScriptRun#await}), so their wait does not count against the CPU budget; asynchronous ones
 * return at once and end in events. The calls themselves are {@link DeviceCalls}.
 */
public final class Lwm2mFunctions {

    private final DeviceCalls calls;
    private final ObjectRegistry registry;
    private final LongSupplier contextMax;

    /**
     * @param contextMax what a call's {@code context} may hold ({@code event_data_max_bytes}): it is echoed
     *     into every event the call causes (each notification of an observation), so a larger one throws
     */
    public Lwm2mFunctions(DeviceCalls calls, ObjectRegistry registry, LongSupplier contextMax) {
        this.calls = calls;
        this.registry = registry;
        this.contextMax = contextMax;
    }

    /** A device call as the sandbox calls it. */
    @FunctionalInterface
    private interface Call {
        PendingCall start(List<Object> args) throws HostCallException;
    }

    public void register(HostApi.Builder api) {
        device(api, "read", calls::read);
        device(api, "write", calls::write);
        device(api, "writeMulti", calls::writeMulti);
        device(api, "writeAttrs", calls::writeAttrs);
        device(api, "exec", calls::exec);
        device(api, "execWithArgs", calls::execWithArgs);
        device(api, "create", calls::create);
        device(api, "delete", calls::delete);
        device(api, "discover", calls::discover);
        device(api, "observe", calls::observe);
        device(api, "observeCancel", calls::observeCancel);
        api.add("lwm2m.lastKnown", (run, args) -> calls.lastKnown(args));
        api.add("lwm2m.getObjectDef", this::getObjectDef);
    }

    private void device(HostApi.Builder api, String name, Call call) {
        api.add("lwm2m." + name, (run, args) -> {
            ValueBounds.checkContext("lwm2m." + name, args, contextMax.getAsLong());
            PendingCall pending = call.start(args);
            return run.await(pending.result(), pending.maxWait(), DeviceErrors.NO_RESPONSE);
        });
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
}
