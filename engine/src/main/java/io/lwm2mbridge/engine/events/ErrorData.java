package io.lwm2mbridge.engine.events;

import java.util.Map;

/**
 * The data of {@code lwm2m-error}: an asynchronous call failed.
 *
 * @param source the operation
 * @param path the failed paths, comma-joined
 * @param error what went wrong, in words
 * @param partialErrors path to error when several paths were involved, or null (then left out)
 * @param context the call's context, any JSON value
 */
public record ErrorData(String source, String path, String error, Map<String, String> partialErrors, Object context)
        implements EventData {}
