package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.device.CallParser;
import io.lwm2mbridge.engine.device.DeviceCalls;
import io.lwm2mbridge.engine.device.PendingCall;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.json.ObjectDefView;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.ScriptRun;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The {@code lwm2m} host object: each device function reads its arguments with {@link CallParser} and
 * makes the call with {@link DeviceCalls}. Synchronous calls block only the script's worker thread
 * (through {@link ScriptRun#await}), so their wait does not count against the CPU budget; asynchronous
 * ones return at once and end in events. A failed call is thrown as {@link ScriptErrors} says.
 *
 * @param contextMax what a call's {@code context} may hold ({@code event_data_max_bytes}): it is echoed
 *     into every event the call causes (each notification of an observation), so a larger one throws
 */
public record Lwm2mFunctions(DeviceCalls calls, ObjectRegistry registry, LongSupplier contextMax) {

    public void register(HostApi.Builder api) {
        calls.parser().functions().forEach((name, parse) -> device(api, name, parse));
        api.add("lwm2m.lastKnown", (run, args) -> calls.lastKnown(CallParser.lastKnown(args)));
        api.add("lwm2m.getObjectDef", this::getObjectDef);
    }

    private void device(HostApi.Builder api, String name, CallParser.Parse parse) {
        api.add("lwm2m." + name, (run, args) -> {
            ValueBounds.checkContext("lwm2m." + name, args, contextMax.getAsLong());
            PendingCall pending = calls.call(parse.parse(args));
            return run.await(ScriptErrors.of(pending.result()), pending.maxWait(), new DeviceFailure.Timeout().message());
        });
    }

    Object getObjectDef(ScriptRun run, List<Object> args) throws HostCallException {
        Object id = args.isEmpty() ? null : args.get(0);
        int objectId;
        try {
            objectId = id instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(id).trim());
        } catch (NumberFormatException e) {
            throw HostCallException.typeError("lwm2m.getObjectDef: the object id must be a number, not '" + id + "'");
        }
        return registry.get(objectId).map(ObjectDefView::toDef).orElse(null);
    }
}
