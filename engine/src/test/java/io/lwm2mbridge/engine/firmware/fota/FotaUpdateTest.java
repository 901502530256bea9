package io.lwm2mbridge.engine.firmware.fota;

import static io.lwm2mbridge.engine.firmware.fota.Firmwares.awaitComplete;
import static io.lwm2mbridge.engine.firmware.fota.Firmwares.completes;
import static io.lwm2mbridge.engine.testing.TestFirmware.sha256;
import static io.lwm2mbridge.engine.firmware.fota.Firmwares.startOverApi;
import static io.lwm2mbridge.engine.firmware.fota.Firmwares.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestFirmware;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Firmware updates that work, end to end: real Leshan clients with a Firmware Update object that really
 * downloads (HTTP, CoAP block2) or receives (push) the image, checks its SHA-256 and applies it.
 */
class FotaUpdateTest {

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestServer server;

    @BeforeEach
    void start() {
        server = bed.server();
    }

    private TestDevice device(String name, TestFirmware fw) {
        return bed.start(TestDevice.named(name).withFirmware(fw));
    }

    @Test
    void http_pull_started_by_a_trigger_downloads_applies_and_ends_in_one_complete_event() {
        byte[] image = TestFirmware.image(200_000, 1);
        Map<String, Object> file = Firmwares.upload(server, "app-v2.bin", image);
        assertThat(file).containsEntry("size", 200_000).containsEntry("sha256", sha256(image));
        server.createTrigger("update-on-register", "lwm2m-register", """
                var job = lwm2m.firmwareUpdate(event.endpoint.key, 'app-v2.bin', {protocol: 'http', context: {campaign: 'c-1'}});
                log.info('fota started', {id: job.id, phase: job.phase, uri: job.uri, file: job.file});
                """);
        TestFirmware fw = TestFirmware.expecting(sha256(image)).rebootsInto("2.0.0").build();
        device("meter-1", fw);

        Map<String, Object> done = awaitComplete(server, "meter-1", Duration.ofSeconds(30));
        assertThat(done).containsEntry("success", true).containsEntry("result", "Firmware updated successfully")
                .containsEntry("resultCode", 1).containsEntry("context", Map.of("campaign", "c-1"))
                .containsEntry("file", "app-v2.bin");
        Instant started = Instant.parse((String) done.get("dateStarted"));
        Instant downloading = Instant.parse((String) done.get("dateDownloading"));
        Instant downloaded = Instant.parse((String) done.get("dateDownloaded"));
        Instant updating = Instant.parse((String) done.get("dateUpdating"));
        Instant complete = Instant.parse((String) done.get("dateComplete"));
        assertThat(started).isBeforeOrEqualTo(downloading);
        assertThat(downloading).isBeforeOrEqualTo(downloaded);
        assertThat(downloaded).isBeforeOrEqualTo(updating);
        assertThat(updating).isBeforeOrEqualTo(complete);
        assertThat(((Number) done.get("duration")).doubleValue())
                .isEqualTo(Duration.between(started, complete).toMillis() / 1000.0);

        // the device got an unguessable inventory URI with its epid, downloaded it whole and checked it
        @SuppressWarnings("unchecked")
        Map<String, Object> startedLog = (Map<String, Object>) server.logs("fota started").get(0).get("data");
        String uri = (String) startedLog.get("uri");
        assertThat(uri).matches("http://127\\.0\\.0\\.1:" + server.server().httpPort()
                + "/fw/[0-9a-f]{32}/app-v2\\.bin\\?epid=meter-1");
        assertThat(startedLog).containsEntry("phase", "starting").containsEntry("file", "app-v2.bin");
        assertThat(fw.log()).contains("uri " + uri, "downloaded 200000 bytes, sha256 " + sha256(image), "update",
                "running 2.0.0");

        // status events followed the device's state machine, each with the context
        List<Map<String, Object>> statuses = statuses(server, "meter-1");
        assertThat(statuses.stream().map(s -> s.get("state")).distinct().toList())
                .containsSubsequence("idle", "downloading", "downloaded", "updating");
        assertThat(statuses).allSatisfy(s -> assertThat(s).containsEntry("context", Map.of("campaign", "c-1")));
        assertThat(statuses.get(statuses.size() - 1)).containsEntry("resultCode", 1)
                .containsEntry("result", "Firmware updated successfully");

        // the reboot's registration update does not make a second complete event
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> completes(server, "meter-1").size() == 1);
        Map<String, Object> job = Firmwares.job(server, "meter-1");
        assertThat(job).containsEntry("phase", "complete").containsEntry("success", true)
                .containsEntry("id", startedLog.get("id")).containsEntry("dateComplete", done.get("dateComplete"));
        // how far the device got, counted as the HTTP answer streamed
        assertThat(job).containsEntry("downloadedBytes", 200_000).containsEntry("sizeBytes", 200_000);
        assertThat(server.api().get("/api/v1/fota/" + startedLog.get("id")).map()).containsEntry("endpoint", "meter-1");
    }

    @Test
    void coap_pull_downloads_block_by_block_from_the_lwm2m_endpoint() {
        byte[] image = TestFirmware.image(100_000, 2);
        Firmwares.upload(server, "sensor.bin", image);
        TestFirmware fw = TestFirmware.expecting(sha256(image)).protocols(0).build();
        device("meter-2", fw).awaitRegistered();

        Map<String, Object> job = startOverApi(server, "meter-2",
                Map.of("file", "sensor.bin", "options", Map.of("protocol", "coap")), 202);
        assertThat((String) job.get("uri")).matches("coap://127\\.0\\.0\\.1:" + server.server().coapPort()
                + "/fw/[0-9a-f]{32}/sensor\\.bin\\?epid=meter-2");

        Map<String, Object> done = awaitComplete(server, "meter-2", Duration.ofSeconds(30));
        assertThat(done).containsEntry("success", true).containsEntry("resultCode", 1);
        assertThat(done.get("dateDownloading")).isNotNull();
        assertThat(fw.log()).contains("downloaded 100000 bytes, sha256 " + sha256(image));
        // counted block by block
        assertThat(Firmwares.job(server, "meter-2")).containsEntry("downloadedBytes", 100_000).containsEntry("sizeBytes", 100_000);
    }

    @Test
    void push_writes_the_image_to_the_package_resource_block_by_block() {
        byte[] image = TestFirmware.image(60_000, 3);
        Firmwares.upload(server, "pushed.bin", image);
        TestFirmware fw = TestFirmware.expecting(sha256(image)).delivery(1).build();
        device("meter-3", fw).awaitRegistered();

        Map<String, Object> job = startOverApi(server, "meter-3",
                Map.of("file", "pushed.bin", "options", Map.of("delivery", "push", "context", "push-1")), 202);
        assertThat(job).containsEntry("delivery", "push").containsEntry("uri", null);

        Map<String, Object> done = awaitComplete(server, "meter-3", Duration.ofSeconds(30));
        assertThat(done).containsEntry("success", true).containsEntry("context", "push-1");
        assertThat(fw.log()).contains("package 60000 bytes", "downloaded 60000 bytes, sha256 " + sha256(image));
    }

    @Test
    void registration_update_with_a_new_firmware_version_counts_as_success() {
        byte[] image = TestFirmware.image(10_000, 4);
        Firmwares.upload(server, "quiet.bin", image);
        // this device never reports Update Result 1: only its new version says the update worked
        TestFirmware fw = TestFirmware.expecting(sha256(image)).reportsResult(false).rebootsInto("3.1.0").build();
        device("meter-4", fw).awaitRegistered();

        startOverApi(server, "meter-4", Map.of("file", "quiet.bin",
                "options", Map.of("resetUri", true, "encoding", "text")), 202);

        Map<String, Object> done = awaitComplete(server, "meter-4", Duration.ofSeconds(30));
        assertThat(done).containsEntry("success", true).containsEntry("result", "Firmware updated successfully");
        assertThat(fw.result()).isZero();
        assertThat(fw.version()).isEqualTo("3.1.0");
        // resetUri: an empty Package URI went first
        assertThat(fw.log().get(0)).isEqualTo("uri ");
        assertThat(fw.log().get(1)).startsWith("uri http://");
    }

    @Test
    void downloads_beyond_the_limit_wait_for_a_slot_in_the_order_they_were_started() {
        server.api().put("/api/v1/settings", Map.of("fota_max_concurrent_downloads", 1));
        byte[] image = TestFirmware.image(30_000, 5);
        Firmwares.upload(server, "fleet.bin", image);
        List<String> names = List.of("fleet-a", "fleet-b", "fleet-c");
        for (String name : names) {
            device(name, TestFirmware.expecting(sha256(image)).slowLink(Duration.ofMillis(3)).build()).awaitRegistered();
        }

        for (String name : names) {
            startOverApi(server, name, Map.of("file", "fleet.bin", "options", Map.of("protocol", "coap")), 202);
        }
        // the last one waits for a slot while the first downloads
        Map<String, Object> waiting = Firmwares.job(server, "fleet-c");
        assertThat(waiting).containsEntry("phase", "queued").containsEntry("waiting", "slot");

        List<Map<String, Object>> done = new ArrayList<>();
        for (String name : names) {
            Map<String, Object> c = awaitComplete(server, name, Duration.ofSeconds(40));
            assertThat(c).containsEntry("success", true);
            done.add(c);
        }
        for (int i = 1; i < done.size(); i++) {
            Instant previousDownloaded = Instant.parse((String) done.get(i - 1).get("dateDownloaded"));
            Instant thisDownloading = Instant.parse((String) done.get(i).get("dateDownloading"));
            assertThat(thisDownloading).as(names.get(i) + " downloads after " + names.get(i - 1))
                    .isAfterOrEqualTo(previousDownloaded);
        }
    }

    @Test
    void queue_mode_device_that_sleeps_gets_the_update_when_it_wakes() {
        server.api().put("/api/v1/settings", Map.of("device_timeout_s", 2));
        byte[] image = TestFirmware.image(20_000, 6);
        Firmwares.upload(server, "sleepy.bin", image);
        TestFirmware fw = TestFirmware.expecting(sha256(image)).build();
        TestDevice d = bed.start(TestDevice.named("sleepy-1").withFirmware(fw).queueMode());
        d.awaitRegistered();
        d.client().stop(false); // asleep: its radio is off, the registration stays

        startOverApi(server, "sleepy-1", Map.of("file", "sleepy.bin"), 202);
        await().atMost(Duration.ofSeconds(15)).until(() -> "device".equals(Firmwares.job(server, "sleepy-1").get("waiting")));
        assertThat(fw.log()).isEmpty();

        d.client().start(); // wakes up and talks to the server, which sends what waited
        Map<String, Object> done = awaitComplete(server, "sleepy-1", Duration.ofSeconds(30));
        assertThat(done).containsEntry("success", true);
        assertThat(fw.log()).anyMatch(l -> l.startsWith("downloaded 20000 bytes"));
    }
}
