package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.request.argument.InvalidArgumentException;
import org.eclipse.leshan.server.registration.Registration;

/** Execute, with or without arguments ({@code 0='abc',1}); the future never fails. */
public final class Executes {

    private final DeviceRequests requests;

    public Executes(DeviceRequests requests) {
        this.requests = requests;
    }

    public CompletableFuture<CallOutcome> execute(Registration reg, LwM2mPath path, Arguments arguments, Duration timeout)
            throws ValueException {
        ExecuteRequest request = ValueException.building("execute " + DeviceRequests.text(path),
                () -> new ExecuteRequest(path.toString(), arguments == null ? Arguments.emptyArguments() : arguments,
                        null));
        List<String> paths = List.of(DeviceRequests.text(path));
        return requests.send(reg, request, timeout).thenApply(answer -> Writes.outcome(paths, answer));
    }

    /** Arguments from their text form, {@code 0='abc',1}. */
    public static Arguments parse(String text) throws ValueException {
        try {
            return text == null || text.isBlank() ? Arguments.emptyArguments() : Arguments.parse(text.trim());
        } catch (InvalidArgumentException e) {
            throw new ValueException("execute arguments must look like 0='abc',1='x' (digits 0-9): " + e.getMessage());
        }
    }

    /** Arguments from {@code {"0": "abc", "1": null}}: digit keys, values sent as text, null for no value. */
    public static Arguments of(Map<?, ?> values) throws ValueException {
        Arguments.ArgumentsBuilder builder = Arguments.builder();
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String key = String.valueOf(e.getKey()).trim();
            if (!key.matches("\\d")) {
                throw new ValueException("execute argument names must be single digits 0-9, not '" + key + "'");
            }
            Object v = e.getValue();
            if (v == null) {
                builder.addArgument(Integer.parseInt(key));
            } else if (v instanceof Map<?, ?> || v instanceof List<?> || v instanceof byte[]) {
                throw new ValueException("execute argument " + key + " must be text or a number, not " + ResourceValues.describe(v));
            } else {
                builder.addArgument(Integer.parseInt(key), String.valueOf(v));
            }
        }
        try {
            return builder.build();
        } catch (InvalidArgumentException e) {
            throw new ValueException("invalid execute arguments: " + e.getMessage());
        }
    }
}
