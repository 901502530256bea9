package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code cache.*} with {@code GET /cache/{key}}, and {@code global.values} with {@code GET/PUT /globals}. */
class CacheAndGlobalsTest {

    @RegisterExtension
    static final TestBed bed = new TestBed();
    private static Scripts scripts;
    private static Api api;

    @BeforeAll
    static void start() {
        scripts = new Scripts(bed.server());
        api = bed.server().api();
    }

    @Test
    void values_set_by_one_trigger_are_read_by_another_and_over_the_api() {
        scripts.value("cache.set('tokens-dev1', JSON.stringify({'3/0/11': 'abc'})); cache.set('obj', {n: [1, 2]}, 60);");
        assertThat(scripts.value("return [JSON.parse(cache.get('tokens-dev1'))['3/0/11'], cache.get('obj').n[1],"
                + " cache.get('never-set')];")).isEqualTo(java.util.Arrays.asList("abc", 2, null));
        Api.Response r = api.get("/api/v1/cache/obj");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json()).isEqualTo(Map.of("key", "obj", "value", Map.of("n", List.of(1, 2))));
        Api.Response missing = api.get("/api/v1/cache/never-set");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.map().get("error")).isEqualTo("no cache entry 'never-set'");
    }

    @Test
    void del_removes_and_says_whether_the_key_was_there() {
        assertThat(scripts.value("cache.set('d', 1); var first = cache.del('d'); return [first, cache.del('d'), cache.get('d')];"))
                .isEqualTo(java.util.Arrays.asList(true, false, null));
        assertThat(api.get("/api/v1/cache/d").status()).isEqualTo(404);
    }

    @Test
    void bad_cache_arguments_are_type_and_range_errors() {
        assertThat(scripts.error("cache.get(5);")).isEqualTo(Map.of("name", "TypeError",
                "message", "cache.get: key must be a non-empty string, not 5"));
        assertThat(scripts.error("cache.set('', 1);")).isEqualTo(Map.of("name", "TypeError",
                "message", "cache.set: key must be a non-empty string, not an empty string"));
        assertThat(scripts.error("cache.set('k', 1, 'long');")).isEqualTo(Map.of("name", "TypeError",
                "message", "cache.set: ttlSeconds must be a number, not 'long'"));
        assertThat(scripts.error("cache.set('k', 1, 0);")).isEqualTo(Map.of("name", "RangeError",
                "message", "cache.set: ttlSeconds must be more than 0 (leave it out to keep the value until deleted), not 0"));
    }

    @Test
    void globals_reach_scripts_and_secret_values_never_come_back_over_the_api() {
        Map<String, Object> put = new LinkedHashMap<>();
        put.put("webhookUrl", Map.of("value", "http://127.0.0.1:1/hook"));
        put.put("apiKey", Map.of("value", "s3cr3t-value", "secret", true));
        put.put("limits", Map.of("value", Map.of("max", 5)));
        Api.Response r = api.put("/api/v1/globals", put);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("s3cr3t-value");

        assertThat(scripts.value("return [global.values.webhookUrl, global.values.apiKey, global.values.limits.max];"))
                .isEqualTo(List.of("http://127.0.0.1:1/hook", "s3cr3t-value", 5));

        Api.Response listed = api.get("/api/v1/globals");
        assertThat(listed.body()).doesNotContain("s3cr3t-value");
        Map<String, Object> apiKey = listed.items().stream().filter(i -> "apiKey".equals(i.get("name"))).findFirst()
                .orElseThrow();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "apiKey");
        expected.put("value", null);
        expected.put("secret", true);
        assertThat(apiKey).isEqualTo(expected);

        // a secret sent back without its value keeps it; null removes a name; others stay
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("apiKey", Map.of("secret", true));
        change.put("limits", null);
        assertThat(api.put("/api/v1/globals", change).status()).isEqualTo(200);
        assertThat(scripts.value("return [global.values.apiKey, global.values.limits === undefined, global.values.webhookUrl];"))
                .isEqualTo(List.of("s3cr3t-value", true, "http://127.0.0.1:1/hook"));
    }

    @Test
    void a_run_that_changes_global_values_does_not_change_them_for_the_next_run() {
        api.put("/api/v1/globals", Map.of("counter", Map.of("value", 1)));
        scripts.value("global.values.counter = 99; delete global.values.webhookUrl; return null;");
        assertThat(scripts.value("return global.values.counter;")).isEqualTo(1);
    }

    @Test
    void bad_global_updates_change_nothing_and_say_why() {
        api.put("/api/v1/globals", Map.of("stable", Map.of("value", "kept")));
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("fine", Map.of("value", 1));
        bad.put("9starts-with-digit", Map.of("value", 2));
        Api.Response r = api.put("/api/v1/globals", bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat((String) r.map().get("error")).startsWith("'9starts-with-digit' is not a valid name");
        assertThat(api.put("/api/v1/globals", Map.of("plain", 5)).map().get("error"))
                .isEqualTo("plain must be {\"value\": ..., \"secret\": true|false} or null");
        assertThat(api.put("/api/v1/globals", Map.of("x", Map.of("secret", "yes"))).map().get("error"))
                .isEqualTo("x.secret must be true or false");
        assertThat(scripts.value("return [global.values.fine === undefined, global.values.stable];"))
                .isEqualTo(List.of(true, "kept"));
    }
}
