package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.cache.SharedCache;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/cache/{key}}: one entry of the cache triggers share, as {@code {key, value}}; 404 when absent or expired. */
@Controller("/api/v1/cache")
public record CacheController(SharedCache cache) {

    @Get("/{key}")
    public HttpResponse<String> get(String key) {
        if (!cache.contains(key)) {
            throw ApiException.notFound("no cache entry '" + key + "'");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", key);
        out.put("value", cache.get(key).orElse(null));
        return ApiJson.ok(out);
    }
}
