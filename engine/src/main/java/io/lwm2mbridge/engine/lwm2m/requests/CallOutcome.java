package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.Answer;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.leshan.core.response.LwM2mResponse;

/**
 * How a device operation on one or more paths ended.
 *
 * @param paths every path the operation was about, in request order ("3/0/15")
 * @param errors the paths that failed, with the reason, in request order
 * @param result what a successful operation gives back beyond success (tokens, location, links), or an
 *     empty map
 */
public record CallOutcome(List<String> paths, Map<String, DeviceFailure> errors, Map<String, Object> result) {

    public CallOutcome {
        paths = List.copyOf(paths);
        errors = new LinkedHashMap<>(errors);
        result = result == null ? new LinkedHashMap<>() : result;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public static CallOutcome success(List<String> paths, Map<String, Object> result) {
        return new CallOutcome(paths, Map.of(), result);
    }

    /**
     * The outcome of an operation made of one request: its failure on every path, or a success whose result
     * {@code result} reads from the device's response.
     */
    static <T extends LwM2mResponse> CallOutcome of(List<String> paths, Answer<T> answer,
            Function<T, Map<String, Object>> result) {
        return answer.ok() ? success(paths, result.apply(answer.response())) : failAll(paths, answer.failure());
    }

    public static CallOutcome failAll(List<String> paths, DeviceFailure failure) {
        Map<String, DeviceFailure> errors = new LinkedHashMap<>();
        paths.forEach(p -> errors.put(p, failure));
        return new CallOutcome(paths, errors, null);
    }

    /** The failures in the words scripts see, path to message. */
    public Map<String, String> errorMessages() {
        return DeviceFailure.messages(errors);
    }
}
