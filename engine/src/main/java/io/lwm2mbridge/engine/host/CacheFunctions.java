package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.cache.SharedCache;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.JsonBridge;
import java.time.Duration;

/**
 * The {@code cache} host object, shared by all triggers: {@code get(key)} (null when absent),
 * {@code set(key, value, ttlSeconds)} (no TTL: kept until deleted or evicted), {@code del(key)}.
 */
public record CacheFunctions(SharedCache cache) {

    /** Largest value one key may hold, as JSON text; the cache is memory shared by every trigger. */
    static final int MAX_VALUE_CHARS = 1024 * 1024;
    static final int MAX_KEY_CHARS = 1024;

    public void register(HostApi.Builder api) {
        api.add("cache.get", (run, list) -> cache.get(key(Args.of("cache.get", list))).orElse(null));
        api.add("cache.set", (run, list) -> {
            Args args = Args.of("cache.set", list);
            String key = key(args);
            Object value = args.get(1);
            if (value != null && JsonBridge.toJson(value).length() > MAX_VALUE_CHARS) {
                throw args.range("value is larger than " + MAX_VALUE_CHARS + " characters as JSON");
            }
            Duration ttl = null;
            if (args.has(2)) {
                double seconds = args.number(2, "ttlSeconds");
                if (!(seconds > 0)) {
                    throw args.range("ttlSeconds must be more than 0 (leave it out to keep the value until deleted), not "
                            + JsonText.of(seconds));
                }
                ttl = Duration.ofMillis((long) Math.ceil(seconds * 1000));
            }
            cache.set(key, value, ttl);
            return null;
        });
        api.add("cache.del", (run, list) -> cache.delete(key(Args.of("cache.del", list))));
    }

    private static String key(Args args) throws io.lwm2mbridge.scripting.HostCallException {
        String key = args.string(0, "key");
        if (key.length() > MAX_KEY_CHARS) {
            throw args.range("key is longer than " + MAX_KEY_CHARS + " characters");
        }
        return key;
    }
}
