package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.triggers.Trigger;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The {@code trigger} host object: {@code reply}, {@code exit}, {@code include}, {@code sleep}.
 *
 * @param triggersByName looks a trigger up by name (late-bound: the trigger store is built after the sandbox)
 * @param replyMax what one reply may hold as JSON ({@code reply_max_bytes}); a larger one throws, since a
 *     shortened reply would be a wrong answer to the caller waiting for it
 */
public record TriggerFunctions(Function<String, Optional<Trigger>> triggersByName, LongSupplier replyMax) {

    public void register(HostApi.Builder api) {
        api.add("trigger.reply", (run, args) -> {
            Object value = args.isEmpty() ? null : args.get(0);
            ValueBounds.check("trigger.reply", "the reply", value, replyMax.getAsLong(), "reply_max_bytes");
            run.reply(value);
            return null;
        });
        // the script side throws the exit signal itself; this entry only makes the name exist
        api.add("trigger.exit", (run, args) -> null);
        api.add("trigger.sleep", (run, args) -> {
            Object ms = args.isEmpty() ? null : args.get(0);
            if (!(ms instanceof Number n) || n.doubleValue() < 0) {
                throw HostCallException.typeError("trigger.sleep: give the time to sleep in milliseconds");
            }
            run.sleep(Duration.ofMillis(n.longValue()));
            return null;
        });
        api.add("trigger.include", (run, args) -> {
            Object name = args.isEmpty() ? null : args.get(0);
            if (!(name instanceof String libraryName)) {
                throw HostCallException.typeError("trigger.include: give the name of a library trigger");
            }
            Trigger library = triggersByName.apply(libraryName)
                    .filter(t -> Trigger.TYPE_LIBRARY.equals(t.type()))
                    .orElseThrow(() -> new HostCallException("trigger.include: no library trigger named '" + libraryName + "'"));
            run.include(library.name(), library.def());
            return null;
        });
    }
}
