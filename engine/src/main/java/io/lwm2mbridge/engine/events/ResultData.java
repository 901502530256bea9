package io.lwm2mbridge.engine.events;

import java.util.Map;

/**
 * The data of {@code lwm2m-result}: how an asynchronous call given a {@code context} ended.
 *
 * @param source the operation ("read", "write", "observe", ...)
 * @param path the paths, comma-joined
 * @param success whether every path succeeded
 * @param error what went wrong, or null (then left out)
 * @param intermediate the call was only held for a sleeping device (then {@code intermediate: true})
 * @param partialErrors path to error when several paths were involved, or null (then left out)
 * @param returned what the device request gave back ({@code tokens}, {@code instanceId} and
 *     {@code location}, {@code links}, {@code cancelled}), in its order; fields named above win
 * @param context the call's context, any JSON value
 */
public record ResultData(String source, String path, boolean success, String error, boolean intermediate,
        Map<String, String> partialErrors, Map<String, Object> returned, Object context) implements EventData {

    public ResultData {
        returned = returned == null ? Map.of() : returned;
    }
}
