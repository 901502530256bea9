package io.lwm2mbridge.engine.events;

import java.util.Map;

/**
 * The data of {@code lwm2m-data}: values a device sent, as a read result, a notification or a Send.
 *
 * @param source "read", "notify", "send"
 * @param path the paths asked for or sent, comma-joined
 * @param data the object tree, as the device sent it (a JSON tree)
 * @param translateIds the key format of {@code data}
 * @param context the context of the call or observation, any JSON value, or null
 * @param token the observation token of a notification, or null (then left out)
 */
public record DeviceData(String source, String path, Map<String, Object> data, String translateIds, Object context,
        String token) implements EventData {}
