package io.lwm2mbridge.scripting;

import java.util.List;

/**
 * A function scripts can call, such as {@code lwm2m.read}. Called on the script's own worker thread,
 * which it may block (through {@link ScriptRun#await}); arguments arrive as JSON-like Java values
 * ({@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean}, {@code byte[]}, null) and
 * the result is returned to the script the same way. Throwing {@link HostCallException} raises a
 * JavaScript {@code Error} with its message in the script.
 */
@FunctionalInterface
public interface HostFunction {

    Object call(ScriptRun run, List<Object> args) throws Exception;
}
