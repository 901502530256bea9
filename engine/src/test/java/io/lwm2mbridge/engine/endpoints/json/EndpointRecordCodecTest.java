package io.lwm2mbridge.engine.endpoints.json;

import io.lwm2mbridge.engine.endpoints.EndpointRecord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Endpoint records written by earlier versions load, and are written back with the same fields. */
class EndpointRecordCodecTest {

    /** A record as the store kept it before records were typed (a registration-created one, with storage). */
    private static final String STORED = """
            {"key":"meter-1","name":"Meter 1","identity":null,"tags":{"site":"north","floor":2},
             "statusDetails":{"battery":"low","note":null},"status":"connected",
             "registration":{"lifetime":300,"binding":"U"},"created":"2026-01-02T03:04:05Z","origin":"registration",
             "lastSeen":"2026-01-02T03:05:00Z","timeBeforeMissing":600,"missingDeclaredFor":"2026-01-01T00:00:00Z",
             "storage":{"count":3},"laterField":{"kept":true}}
            """;

    private final EndpointRecordCodec codec = new EndpointRecordCodec();

    @Test
    void a_record_in_todays_stored_form_loads_and_encodes_back_unchanged() throws Exception {
        @SuppressWarnings("unchecked") // the test reads JSON as the store does
        Map<String, Object> stored = new ObjectMapper().readValue(STORED, Map.class);
        EndpointRecord r = codec.decode(stored);

        assertThat(r.key()).isEqualTo("meter-1");
        assertThat(r.name()).isEqualTo("Meter 1");
        assertThat(r.connected()).isTrue();
        assertThat(r.createdByRegistration()).isTrue();
        assertThat(r.created()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(r.lastSeen()).isEqualTo(Instant.parse("2026-01-02T03:05:00Z"));
        assertThat(r.timeBeforeMissing()).isEqualTo(600L);
        assertThat(r.missingDeclaredFor()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(r.tags()).containsEntry("site", "north").containsEntry("floor", 2);
        assertThat(r.statusDetails()).containsEntry("note", null);
        assertThat(r.storage()).containsEntry("count", 3);
        assertThat(r.extra()).containsOnlyKeys("laterField");

        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(json.writeValueAsString(codec.encode(r)))).isEqualTo(json.readTree(STORED));
    }

    @Test
    void the_public_view_hides_storage_and_internal_fields_but_shows_unknown_ones() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> stored = new ObjectMapper().readValue(STORED, Map.class);
        EndpointRecord r = codec.decode(stored);
        Map<String, Object> view = EndpointJson.view(r);
        assertThat(view).doesNotContainKeys("storage", "missingDeclaredFor")
                .containsEntry("origin", "registration").containsEntry("laterField", Map.of("kept", true));
        assertThat(view.keySet()).startsWith("key", "name", "identity", "tags", "statusDetails", "status",
                "registration");
        view.forEach((field, value) -> assertThat(r.shown(field)).as(field).isEqualTo(value));
        assertThat(r.shown("storage")).isNull();
        assertThat(r.shown("missingDeclaredFor")).isNull();
    }

    @Test
    void a_minimal_old_record_gets_the_defaults() {
        EndpointRecord r = codec.decode(Map.of("key", "bare"));
        assertThat(r.name()).isEqualTo("bare");
        assertThat(r.connected()).isFalse();
        assertThat(r.tags()).isEmpty();
        assertThat(r.registration()).isNull();
    }
}
