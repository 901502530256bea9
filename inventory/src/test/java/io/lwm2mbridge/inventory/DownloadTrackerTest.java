package io.lwm2mbridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class DownloadTrackerTest {

    private static final Instant WHEN = Instant.parse("2025-03-01T12:00:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "epid=dev-1;                 dev-1",
        "a=1&epid=dev%201;           dev 1",
        "epid=urn%3Aimei%3A123%26x;  urn:imei:123&x",
        "epid=a%2Bb;                 a+b",
        "epid=a+b;                   a+b",
        "epid=&epid=second;          second",
        "epid=first&epid=second;     first",
        "epid=%E2%82%AC;             \u20ac",
        "x=1&&epid=y&z;              y"})
    void epid_is_found_and_percent_decoded(String query, String endpoint) {
        assertThat(DownloadTracker.epidFromQuery(query)).contains(endpoint);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"foo=bar", "epid=", "epid", "xepid=1", "epid=%zz", "epid=%2"})
    void query_without_a_usable_epid_gives_nothing(String query) {
        assertThat(DownloadTracker.epidFromQuery(query)).isEmpty();
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "http://h:8080/fw/id/fw.bin;        dev-1;          http://h:8080/fw/id/fw.bin?epid=dev-1",
        "http://h/fw/id/fw.bin?a=1;         dev-1;          http://h/fw/id/fw.bin?a=1&epid=dev-1",
        "http://h/fw/id/fw.bin?;            dev-1;          http://h/fw/id/fw.bin?epid=dev-1",
        "http://h/fw/id/fw.bin?a=1&;        dev-1;          http://h/fw/id/fw.bin?a=1&epid=dev-1",
        "coap://h/fw/id/fw.bin;             dev 1;          coap://h/fw/id/fw.bin?epid=dev%201",
        "coap://h/fw/id/fw.bin;             urn:imei:1&x=y; coap://h/fw/id/fw.bin?epid=urn%3Aimei%3A1%26x%3Dy",
        "http://h/fw/id/fw.bin#frag;        a+b;            http://h/fw/id/fw.bin?epid=a%2Bb#frag"})
    void epid_is_appended_with_the_right_separator_and_encoded(String uri, String endpoint, String expected) {
        assertThat(DownloadTracker.withEpid(uri, endpoint)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev-1", "dev 1", "a+b", "urn:imei:35&x=1?#", "caf\u00e9/\u20ac", "100%"})
    void appended_epid_reads_back_unchanged(String endpoint) {
        String uri = DownloadTracker.withEpid("http://h/fw/0123/fw.bin?x=1", endpoint);

        assertThat(DownloadTracker.epidFromQuery(URI.create(uri).getRawQuery())).contains(endpoint);
    }

    @Test
    void epid_is_found_in_decoded_coap_uri_query_options() {
        assertThat(DownloadTracker.epidFromUriQueries(List.of("x=1", "epid=dev 1+%"))).contains("dev 1+%");
        assertThat(DownloadTracker.epidFromUriQueries(List.of("epid=", "x"))).isEmpty();
    }

    @Test
    void download_start_tells_every_listener_the_file_endpoint_and_time(@TempDir Path dir) throws Exception {
        FirmwareInventory inventory = new FirmwareInventory(dir, new MutableClock(WHEN));
        FirmwareFile file = inventory.store("fw.bin", new PatternStream(10), null, null);
        DownloadTracker tracker = new DownloadTracker(inventory);
        List<String> seen = new ArrayList<>();
        tracker.addListener((f, endpoint, when) -> {
            throw new IllegalStateException("a broken listener");
        });
        tracker.addListener((f, endpoint, when) -> seen.add(f.name() + " " + endpoint + " " + when));

        tracker.recordDownloadStart(file.downloadId(), "dev-1", WHEN);

        assertThat(seen).containsExactly("fw.bin dev-1 " + WHEN);
    }

    @Test
    void download_start_for_an_unknown_id_tells_nobody(@TempDir Path dir) throws Exception {
        DownloadTracker tracker = new DownloadTracker(new FirmwareInventory(dir, new MutableClock(WHEN)));
        List<String> seen = new ArrayList<>();
        tracker.addListener((f, endpoint, when) -> seen.add(endpoint));

        tracker.recordDownloadStart("0123456789abcdef0123456789abcdef", "dev-1", WHEN);

        assertThat(seen).isEmpty();
    }
}
