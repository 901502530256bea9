package io.lwm2mbridge.engine.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code endpoint} host object and {@code /api/v1/endpoints}, with a real device registered. */
class EndpointApiTest {

    @RegisterExtension
    static final TestBed bed = new TestBed();
    private static Scripts scripts;
    private static Api api;
    private static TestDevice device;

    @BeforeAll
    static void start() {
        scripts = new Scripts(bed.server());
        api = bed.server().api();
        device = bed.start(TestDevice.named("ep-live")).awaitRegistered();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/endpoints/ep-live").status() == 200);
    }

    private static Map<String, Object> provision(String key, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("endpoint", key);
        body.putAll(extra);
        Api.Response r = api.post("/api/v1/endpoints", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.map();
    }

    @Test
    void provisioned_credentials_are_kept_for_dtls_and_the_psk_never_comes_back() {
        String pskHex = "00112233445566778899aabbccddeeff";
        Map<String, Object> created = provision("ep-psk", Map.of("identity", "ep-psk-id", "psk", pskHex,
                "tags", Map.of("site", "north")));
        assertThat(created).containsEntry("key", "ep-psk").containsEntry("identity", "ep-psk-id")
                .containsEntry("tags", Map.of("site", "north")).containsEntry("status", "disconnected");
        assertThat(api.get("/api/v1/endpoints/ep-psk").body()).doesNotContainIgnoringCase(pskHex);
        assertThat(api.get("/api/v1/endpoints?q=key:ep-psk").body()).doesNotContainIgnoringCase(pskHex);
        assertThat(scripts.value("return JSON.stringify(endpoint.get('ep-psk'));").toString())
                .doesNotContainIgnoringCase(pskHex);

        Endpoints service = endpointService();
        Credentials stored = service.credentials().get("ep-psk", Credentials.Slot.PRIMARY).orElseThrow();
        assertThat(stored.identity()).isEqualTo("ep-psk-id");
        assertThat(Arrays.equals(stored.psk(), HexFormat.of().parseHex(pskHex))).isTrue();
        assertThat(service.credentials().endpointForIdentity("ep-psk-id")).contains("ep-psk");
    }

    private static Endpoints endpointService() {
        return bed.server().server().endpoints(); // the server's own instance, as the DTLS code reads it
    }

    @Test
    void provisioning_refuses_bad_fields_taken_keys_and_taken_identities() {
        provision("ep-taken", Map.of("identity", "shared-id", "psk", "0102"));
        Api.Response again = api.post("/api/v1/endpoints", Map.of("endpoint", "ep-taken"));
        assertThat(again.status()).isEqualTo(409);
        Api.Response sameIdentity = api.post("/api/v1/endpoints", Map.of("endpoint", "ep-other", "identity", "shared-id",
                "psk", "0304"));
        assertThat(sameIdentity.status()).isEqualTo(409);
        assertThat((String) sameIdentity.map().get("error")).contains("shared-id").contains("ep-taken");
        assertThat(api.get("/api/v1/endpoints/ep-other").status()).as("nothing was created").isEqualTo(404);

        assertThat(api.post("/api/v1/endpoints", Map.of("endpoint", "bad", "identity", "x", "psk", "xyz")).map()
                .get("error")).isEqualTo("psk must be an even number of hex digits (0-9, a-f)");
        assertThat(api.post("/api/v1/endpoints", Map.of("endpoint", "bad", "identity", "x")).map().get("error"))
                .isEqualTo("identity and psk go together: give both, or set both to null");
        assertThat(api.post("/api/v1/endpoints", Map.of("endpoint", "has/slash")).status()).isEqualTo(400);
        assertThat(api.post("/api/v1/endpoints", Map.of("endpoint", "bad", "tags", Map.of("t", List.of(1)))).map()
                .get("error")).isEqualTo("tag 't' must be a string, number or boolean, not an array");
        assertThat(api.post("/api/v1/endpoints", Map.of("endpoint", "bad", "colour", "red")).map().get("error"))
                .asString().startsWith("unknown field 'colour'");
        assertThat(api.get("/api/v1/endpoints/bad").status()).isEqualTo(404);
    }

    @Test
    void put_changes_writable_fields_ignores_server_fields_sent_back_and_delete_forgets() {
        provision("ep-edit", Map.of("tags", Map.of("a", "1")));
        Map<String, Object> record = api.get("/api/v1/endpoints/ep-edit").map();
        record.put("name", "Edited");
        record.put("tags", Map.of("b", 2));
        record.put("timeBeforeMissing", 600);
        Api.Response r = api.put("/api/v1/endpoints/ep-edit", record);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.map()).containsEntry("name", "Edited").containsEntry("tags", Map.of("b", 2))
                .containsEntry("timeBeforeMissing", 600).containsEntry("status", "disconnected");
        assertThat(api.put("/api/v1/endpoints/nobody", Map.of("name", "x")).status()).isEqualTo(404);
        assertThat(api.put("/api/v1/endpoints/ep-edit", Map.of("timeBeforeMissing", -5)).status()).isEqualTo(400);

        assertThat(api.delete("/api/v1/endpoints/ep-edit").status()).isEqualTo(204);
        assertThat(api.get("/api/v1/endpoints/ep-edit").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/endpoints/ep-edit").status()).isEqualTo(404);
    }

    @Test
    void search_over_the_api_pages_with_after_and_explains_a_bad_query() {
        for (int i = 0; i < 5; i++) {
            provision("page-" + i, Map.of("tags", Map.of("group", "paging")));
        }
        Api.Response first = api.get("/api/v1/endpoints?q=tags.group:paging&limit=2");
        assertThat(first.items()).extracting(m -> m.get("key")).containsExactly("page-0", "page-1");
        assertThat(first.map().get("next")).isEqualTo("page-1");
        Api.Response second = api.get("/api/v1/endpoints?q=tags.group:paging&limit=2&after=page-1");
        assertThat(second.items()).extracting(m -> m.get("key")).containsExactly("page-2", "page-3");
        Api.Response last = api.get("/api/v1/endpoints?q=tags.group:paging&limit=2&after=page-3");
        assertThat(last.items()).extracting(m -> m.get("key")).containsExactly("page-4");
        assertThat(last.map().get("next")).isNull();

        Api.Response connected = api.get("/api/v1/endpoints?q=" + java.net.URLEncoder.encode("status:connected AND key:ep-*",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(connected.items()).extracting(m -> m.get("key")).containsExactly("ep-live");

        Api.Response bad = api.get("/api/v1/endpoints?q=status");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.map().get("error")).asString().startsWith("bad query at column 7");
        assertThat(bad.map().get("details")).isEqualTo(Map.of("column", 7));
    }

    @Test
    void scripts_get_search_and_search_one_records() {
        provision("s-north-1", Map.of("tags", Map.of("site", "far-north", "version", "1.1.0")));
        provision("s-north-2", Map.of("tags", Map.of("site", "far-north", "version", "1.0.0")));
        Object out = scripts.value("""
                var seen = [];
                var all = endpoint.search('tags.site:far-north', function (ep) { seen.push(ep.key); });
                var one = endpoint.searchOne('tags.site:far-north AND tags.version: 1.1.0');
                var live = endpoint.get('ep-live');
                return {seen: seen, count: all.length, one: one.key, none: endpoint.searchOne('key:nothing-*'),
                        unknown: endpoint.get('no-such-endpoint'), liveStatus: live.status, liveHasReg: live.registration != null};
                """);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("seen", List.of("s-north-1", "s-north-2"));
        expected.put("count", 2);
        expected.put("one", "s-north-1");
        expected.put("none", null);
        expected.put("unknown", null);
        expected.put("liveStatus", "connected");
        expected.put("liveHasReg", true);
        assertThat(out).isEqualTo(expected);
    }

    @Test
    void update_and_update_tags_change_tags_and_status_details_and_events_carry_them() {
        provision("s-tags", Map.of("tags", Map.of("keep", "k", "drop", "d")));
        Object out = scripts.value("""
                endpoint.update('s-tags', {statusDetails: {battery: 'low'}, addTags: {added: 1}, removeTags: ['drop']});
                var r = endpoint.updateTags('s-tags', {version: '2.0'}, ['added']);
                return [r.tags, r.statusDetails, endpoint.updateTags('s-tags', {more: true}, null).tags.more];
                """);
        assertThat(out).isEqualTo(List.of(Map.of("keep", "k", "version", "2.0"), Map.of("battery", "low"), true));
        assertThat(endpointService().records().ref("s-tags").tags()).containsEntry("version", "2.0");
    }

    @Test
    void storage_keeps_values_per_endpoint_for_scripts_and_out_of_the_api_record() {
        Object out = scripts.value("""
                endpoint.storageSet('ep-live', 'lastConfig', {interval: 60});
                endpoint.storageSet('ep-live', 'gone', 1);
                endpoint.storageSet('ep-live', 'gone', null);
                return [endpoint.storageGet('ep-live', 'lastConfig').interval, endpoint.storageGet('ep-live', 'gone'),
                        endpoint.storageGet('ep-live', 'never')];
                """);
        assertThat(out).isEqualTo(Arrays.asList(60, null, null));
        assertThat(api.get("/api/v1/endpoints/ep-live").map()).doesNotContainKey("storage");
    }

    @Test
    void bad_endpoint_calls_are_clear_errors() {
        assertThat(scripts.error("endpoint.get(12);")).isEqualTo(Map.of("name", "TypeError",
                "message", "endpoint.get: the endpoint key must be a non-empty string, not 12"));
        assertThat(scripts.error("endpoint.search('status');").get("message"))
                .isEqualTo("endpoint.search: bad query at column 7: expected ':' after 'status'"
                        + " (terms are field:value, like status:connected)");
        assertThat(scripts.error("endpoint.search({status: 'connected'});").get("name")).isEqualTo("TypeError");
        assertThat(scripts.error("endpoint.update('nobody-here', {addTags: {a: 1}});")).isEqualTo(Map.of("name", "Error",
                "message", "endpoint.update: no endpoint 'nobody-here'"));
        assertThat(scripts.error("endpoint.update('ep-live', {tags: {a: 1}});").get("message"))
                .isEqualTo("endpoint.update: unknown change 'tags' (expected statusDetails, addTags, removeTags)");
        assertThat(scripts.error("endpoint.updateTags('ep-live', 'version');")).isEqualTo(Map.of("name", "TypeError",
                "message", "endpoint.updateTags: tags must be an object of name to value, not 'version'"));
        assertThat(scripts.error("endpoint.updateTags('ep-live', {v: {deep: 1}});")).isEqualTo(Map.of("name", "TypeError",
                "message", "endpoint.updateTags: tag 'v' must be a string, number or boolean, not an object"));
        assertThat(scripts.error("endpoint.storageGet('nobody-here', 'x');").get("message"))
                .isEqualTo("endpoint.storageGet: no endpoint 'nobody-here'");
    }
}
