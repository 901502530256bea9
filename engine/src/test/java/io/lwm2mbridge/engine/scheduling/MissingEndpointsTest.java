package io.lwm2mbridge.engine.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.endpoints.MissingEndpoint;
import io.lwm2mbridge.engine.endpoints.json.CredentialsCodec;
import io.lwm2mbridge.engine.endpoints.json.EndpointRecordCodec;
import io.lwm2mbridge.engine.store.MemoryKeyValueStore;
import io.lwm2mbridge.engine.store.RecordStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** "Time before declared missing" on a clock the test moves: once per silence, re-armed, per-endpoint limits. */
class MissingEndpointsTest {

    private static final Duration DEFAULT = Duration.ofMinutes(10);

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final MemoryKeyValueStore records = new MemoryKeyValueStore();
    private Endpoints endpoints = open();

    /** The endpoints over {@link #records}; credentials in memory. */
    private Endpoints open() {
        return Endpoints.open(new RecordStore<>(records, new EndpointRecordCodec()),
                new RecordStore<>(new MemoryKeyValueStore(), new CredentialsCodec()), clock);
    }

    private List<String> check() {
        return endpoints.presence().declareMissing(clock.instant(), DEFAULT).stream().map(MissingEndpoint::key).toList();
    }

    @Test
    void an_endpoint_is_declared_missing_once_per_silence_with_its_last_seen_time() {
        endpoints.registrations().registered("dev-1", Map.of());
        clock.advance(Duration.ofMinutes(9));
        assertThat(check()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        List<MissingEndpoint> missing = endpoints.presence().declareMissing(clock.instant(), DEFAULT);
        assertThat(missing).containsExactly(new MissingEndpoint("dev-1", Instant.parse("2024-05-01T10:00:00Z")));
        clock.advance(Duration.ofHours(5));
        assertThat(check()).as("still the same silence").isEmpty();
    }

    @Test
    void hearing_from_the_device_rearms_the_check() {
        endpoints.registrations().registered("dev-1", Map.of());
        clock.advance(Duration.ofMinutes(11));
        assertThat(check()).containsExactly("dev-1");
        endpoints.presence().touch("dev-1"); // a notification or a response
        clock.advance(Duration.ofMinutes(5));
        assertThat(check()).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(check()).containsExactly("dev-1");
        assertThat(endpoints.presence().lastSeen("dev-1")).contains(Instant.parse("2024-05-01T10:11:00Z"));
    }

    @Test
    void an_endpoints_own_time_before_missing_overrides_the_default_and_zero_means_never() {
        endpoints.registrations().registered("quick", Map.of());
        endpoints.registrations().registered("never", Map.of());
        endpoints.provisioning().change("quick", Map.of("timeBeforeMissing", 60));
        endpoints.provisioning().change("never", Map.of("timeBeforeMissing", 0));
        clock.advance(Duration.ofSeconds(61));
        assertThat(check()).containsExactly("quick");
        clock.advance(Duration.ofDays(30));
        assertThat(check()).isEmpty();
        assertThat(endpoints.presence().declareMissing(clock.instant(), Duration.ZERO)).isEmpty();
    }

    @Test
    void a_zero_default_declares_nobody_and_a_never_heard_endpoint_is_not_missing() {
        endpoints.provisioning().provision(Map.of("endpoint", "provisioned-only"));
        endpoints.registrations().registered("dev-1", Map.of());
        clock.advance(Duration.ofDays(2));
        assertThat(endpoints.presence().declareMissing(clock.instant(), Duration.ZERO)).isEmpty();
        assertThat(check()).containsExactly("dev-1");
    }

    @Test
    void a_declaration_survives_a_restart_and_is_not_repeated() {
        endpoints.registrations().registered("dev-1", Map.of());
        clock.advance(Duration.ofMinutes(11));
        assertThat(check()).containsExactly("dev-1");
        endpoints = open(); // the server restarts on the same store
        clock.advance(Duration.ofMinutes(11));
        assertThat(check()).isEmpty();
    }
}
