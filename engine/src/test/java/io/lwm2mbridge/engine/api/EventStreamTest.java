package io.lwm2mbridge.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/events/stream}: server-sent events with the filters of {@code GET /events}. */
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Reads {@code count} SSE events (id and parsed data) from the stream, within 20 s. */
    private static List<Map<String, Object>> read(String query, int count, Runnable whileOpen) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.server().httpPort()
                        + "/api/v1/events/stream" + query))
                .header("Authorization", "Bearer " + TestServer.TOKEN).header("Accept", "text/event-stream").build();
        CompletableFuture<HttpResponse<InputStream>> pending = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        whileOpen.run();
        HttpResponse<InputStream> response = pending.get(20, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<Map<String, Object>> events = new ArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String id = null;
                String line;
                while (events.size() < count && (line = lines.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> e = JSON.readValue(line.substring(5).trim(), Map.class);
                        assertThat(e.get("id")).isEqualTo(id);
                        events.add(e);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        reading.get(20, TimeUnit.SECONDS);
        return events;
    }

    @Test
    void stream_replays_since_a_time_and_filters_by_type() throws Exception {
        Api api = server.api();
        Instant from = Instant.now();
        api.post("/api/v1/triggers", Map.of("name", "stream-echo", "filterType", "generic", "filterGeneric", "s1",
                "def", "trigger.reply(1);"));
        List<Map<String, Object>> events = read("?type=generic&since=" + from, 2, () -> {
            api.post("/api/v1/generic/s1", Map.of("n", 1));
            api.post("/api/v1/generic/s1", Map.of("n", 2));
        });
        assertThat(events).extracting(e -> e.get("type")).containsOnly("generic");
        assertThat(events).extracting(e -> (Object) ((Map<?, ?>) e.get("data")).get("data")).containsExactly(Map.of("n", 1), Map.of("n", 2));
        assertThat(events.get(0)).containsKeys("id", "ts", "type", "endpoint", "data");
    }

    @Test
    void stream_delivers_live_events_after_the_last_event_id() throws Exception {
        Api api = server.api();
        api.post("/api/v1/generic/live-marker", Map.of("before", true));
        List<Map<String, Object>> existing = server.events("generic", null);
        String lastId = (String) existing.get(existing.size() - 1).get("id");
        List<Map<String, Object>> events = read("?after=" + lastId + "&type=generic", 1,
                () -> api.post("/api/v1/generic/live-marker", Map.of("after", true)));
        assertThat(events.get(0).get("data")).isEqualTo(Map.of("data", Map.of("after", true), "source", "http", "method", "POST"));
        assertThat(Long.parseLong((String) events.get(0).get("id"))).isGreaterThan(Long.parseLong(lastId));
    }

    @Test
    void stream_refuses_an_unknown_type_with_400() {
        Api.Response r = server.api().get("/api/v1/events/stream?type=lwm2m-nothing");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.map().get("error")).isEqualTo("unknown event type 'lwm2m-nothing'");
    }
}
