package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.events.GenericData;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.engine.generic.GenericCalls;
import io.lwm2mbridge.engine.generic.GenericReply;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code exec} host object: {@code now(genericName, data)} starts the {@code generic} triggers of
 * that name, which find {@code data} at {@code event.data.data}, and returns at once;
 * {@code sync(genericName, data, timeoutSeconds)} runs them on other workers and returns the first
 * {@code trigger.reply} value (null when no trigger matches or none replied). The wait of {@code sync} does not count against the caller's CPU budget.
 *
 * @param calls late-bound: the runner the calls need is built after the sandbox
 * @param defaultTimeout the wait when the script gives none
 * @param dataMax what one event's data may hold ({@code event_data_max_bytes}); a larger payload throws
 */
public record ExecFunctions(Supplier<GenericCalls> calls, Supplier<Duration> defaultTimeout, LongSupplier dataMax) {

    /** Longest {@code exec.sync} wait a script may ask for. */
    static final long MAX_TIMEOUT_S = 3600;

    public void register(HostApi.Builder api) {
        api.add("exec.now", (run, list) -> {
            Args args = Args.of("exec.now", list);
            String name = args.string(0, "the generic name");
            calls.get().now(name,
                    checked("exec.now", new GenericData(payload(args), GenericCalls.SOURCE_EXEC_NOW, null)));
            return null;
        });
        api.add("exec.sync", (run, list) -> {
            Args args = Args.of("exec.sync", list);
            String name = args.string(0, "the generic name");
            GenericData data = checked("exec.sync",
                    new GenericData(payload(args), GenericCalls.SOURCE_EXEC_SYNC, null));
            Duration timeout = defaultTimeout.get();
            if (args.has(2)) {
                double seconds = args.number(2, "timeoutSeconds");
                if (!(seconds > 0) || seconds > MAX_TIMEOUT_S) {
                    throw args.range("timeoutSeconds must be more than 0 and at most " + MAX_TIMEOUT_S + ", not "
                            + JsonText.of(seconds));
                }
                timeout = Duration.ofMillis((long) (seconds * 1000));
            }
            GenericReply reply = run.await(calls.get().call(name, data), timeout,
                    "exec.sync: '" + name + "' did not reply within " + JsonText.of(timeout.toMillis() / 1000.0) + " s");
            return switch (reply) {
                case GenericReply.Replied r -> r.value();
                case GenericReply.NoTrigger n -> null;
                case GenericReply.NoReply n -> null;
                case GenericReply.Failed f -> throw new HostCallException("exec.sync: '" + name + "' failed in trigger '"
                        + f.trigger() + "'" + (f.line() > 0 ? " at line " + f.line() : "") + ": " + f.message());
            };
        });
    }

    /** The callee's event data, refused when larger than an event's data may be. */
    private GenericData checked(String function, GenericData data) throws HostCallException {
        ValueBounds.check(function, "the payload", EventJson.data(data), dataMax.getAsLong(), "event_data_max_bytes");
        return data;
    }

    /** The payload, {@code event.data.data} of the callee: any JSON value; none is an empty object. */
    private static Object payload(Args args) {
        return args.has(1) ? args.get(1) : new LinkedHashMap<>();
    }
}
