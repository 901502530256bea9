package io.lwm2mbridge.engine.firmware.fota;

import static io.lwm2mbridge.engine.firmware.fota.Firmwares.awaitComplete;
import static io.lwm2mbridge.engine.firmware.fota.Firmwares.completes;
import static io.lwm2mbridge.engine.testing.TestFirmware.sha256;
import static io.lwm2mbridge.engine.firmware.fota.Firmwares.startOverApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestFirmware;
import io.lwm2mbridge.engine.testing.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Firmware updates that fail or are refused, each with a clear result and exactly one complete event. */
class FotaFailureTest {

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestServer server;

    @BeforeEach
    void start() {
        server = bed.server();
    }

    private TestDevice device(String name, TestFirmware fw) {
        TestDevice d = bed.start(TestDevice.named(name).withFirmware(fw));
        return d.awaitRegistered();
    }

    @Test
    void wrong_image_ends_with_integrity_check_failure() {
        byte[] image = TestFirmware.image(40_000, 10);
        Firmwares.upload(server, "wrong.bin", image);
        TestFirmware fw = TestFirmware.expecting(sha256(TestFirmware.image(40_000, 11))).build();
        device("bad-1", fw);

        startOverApi(server, "bad-1", Map.of("file", "wrong.bin", "options", Map.of("context", 7)), 202);

        Map<String, Object> done = awaitComplete(server, "bad-1", Duration.ofSeconds(30));
        assertThat(done).containsEntry("success", false).containsEntry("result", "Integrity check failure")
                .containsEntry("resultCode", 5).containsEntry("context", 7).containsEntry("dateDownloaded", null);
        assertThat(done.get("dateDownloading")).isNotNull();
        assertThat(fw.state()).isZero();
        assertThat(fw.log()).noneMatch(l -> l.equals("update"));
    }

    @Test
    void device_that_stops_answering_times_out_while_downloading() {
        server.api().put("/api/v1/settings", Map.of("fota_download_timeout_s", 3));
        byte[] image = TestFirmware.image(50_000, 12);
        Firmwares.upload(server, "stall.bin", image);
        TestFirmware fw = TestFirmware.expecting(sha256(image)).stallAfter(8192).build();
        TestDevice d = device("gone-1", fw);

        startOverApi(server, "gone-1", Map.of("file", "stall.bin", "options", Map.of("protocol", "coap")), 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> fw.downloadedBytes() >= 8192);
        fw.halt();
        d.vanish();

        Map<String, Object> done = awaitComplete(server, "gone-1", Duration.ofSeconds(15));
        assertThat(done).containsEntry("success", false).containsEntry("result", "Timed out while downloading")
                .containsEntry("dateDownloaded", null);
        assertThat(done.get("dateDownloading")).isNotNull();
        assertThat(((Number) done.get("duration")).doubleValue()).isGreaterThanOrEqualTo(3.0);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> completes(server, "gone-1").size() == 1);
    }

    @Test
    void cancel_mid_download_resets_the_device_and_ends_cancelled() {
        byte[] image = TestFirmware.image(300_000, 13);
        Firmwares.upload(server, "long.bin", image);
        TestFirmware fw = TestFirmware.expecting(sha256(image)).slowLink(Duration.ofMillis(5)).build();
        device("cancel-1", fw);
        startOverApi(server, "cancel-1", Map.of("file", "long.bin", "options", Map.of("protocol", "coap")), 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> fw.downloadedBytes() > 0);

        Api.Response cancel = server.api().delete("/api/v1/endpoints/cancel-1/firmware");
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.map()).containsEntry("phase", "complete").containsEntry("result", "Firmware update cancelled")
                .containsEntry("resultCode", 10).containsEntry("success", false);

        Map<String, Object> done = awaitComplete(server, "cancel-1", Duration.ofSeconds(5));
        assertThat(done).containsEntry("success", false).containsEntry("resultCode", 10)
                .containsEntry("result", "Firmware update cancelled");
        // the device was told: Cancel (5/0/10) stopped its download and reset its state machine
        await().atMost(Duration.ofSeconds(5)).until(() -> fw.log().contains("cancel") && fw.state() == 0);
        assertThat(fw.result()).isEqualTo(10);
        assertThat(fw.downloadedBytes()).isLessThan(image.length);
        // nothing left to cancel
        assertThat(server.api().delete("/api/v1/endpoints/cancel-1/firmware").status()).isEqualTo(404);
        assertThat(completes(server, "cancel-1")).hasSize(1);
    }

    @Test
    void unsupported_protocol_and_delivery_method_end_with_a_clear_result_and_nothing_sent() {
        byte[] image = TestFirmware.image(5_000, 14);
        Firmwares.upload(server, "small.bin", image);
        TestFirmware coapOnly = TestFirmware.expecting(sha256(image)).protocols(0, 1).build();
        TestFirmware pullOnly = TestFirmware.expecting(sha256(image)).delivery(0).build();
        device("coap-only", coapOnly);
        device("pull-only", pullOnly);
        // says it takes CoAPS, but cannot: its own Update Result says so
        TestFirmware noDtls = TestFirmware.expecting(sha256(image)).protocols(0, 1).build();
        device("coaps-1", noDtls);

        startOverApi(server, "coap-only", Map.of("file", "small.bin", "options", Map.of("protocol", "http")), 202);
        startOverApi(server, "pull-only", Map.of("file", "small.bin", "options", Map.of("delivery", "push")), 202);
        Map<String, Object> coaps = startOverApi(server, "coaps-1",
                Map.of("file", "small.bin", "options", Map.of("protocol", "coaps", "noEpid", true)), 202);
        assertThat((String) coaps.get("uri")).matches("coaps://127\\.0\\.0\\.1:" + server.server().coapsPort()
                + "/fw/[0-9a-f]{32}/small\\.bin");

        assertThat(awaitComplete(server, "coap-only", Duration.ofSeconds(20))).containsEntry("success", false)
                .containsEntry("resultCode", 9)
                .containsEntry("result", "Unsupported protocol: the device supports coap, coaps (5/0/8), not http");
        assertThat(awaitComplete(server, "pull-only", Duration.ofSeconds(20))).containsEntry("success", false)
                .containsEntry("result", "Unsupported delivery method: the device supports pull only (5/0/9), not push");
        assertThat(awaitComplete(server, "coaps-1", Duration.ofSeconds(20))).containsEntry("success", false)
                .containsEntry("resultCode", 9).containsEntry("result", "Unsupported protocol");
        assertThat(coapOnly.log()).isEmpty();
        assertThat(pullOnly.log()).isEmpty();
    }

    @Test
    void a_full_uri_is_handed_over_as_is_without_epid() {
        byte[] image = TestFirmware.image(8_000, 15);
        Map<String, Object> file = Firmwares.upload(server, "external.bin", image);
        // served by this server, but given as a full URI: the bridge must not touch it
        String uri = "http://127.0.0.1:" + server.server().httpPort() + file.get("downloadPath") + "?token=abc";
        TestFirmware fw = TestFirmware.expecting(sha256(image)).build();
        device("ext-1", fw);

        Map<String, Object> job = startOverApi(server, "ext-1", Map.of("uri", uri), 202);
        assertThat(job).containsEntry("uri", uri).containsEntry("file", null);

        assertThat(awaitComplete(server, "ext-1", Duration.ofSeconds(20))).containsEntry("success", true);
        assertThat(fw.log()).contains("uri " + uri);
    }

    @Test
    void refused_requests_say_why_and_start_nothing() {
        byte[] image = TestFirmware.image(100_000, 16);
        Firmwares.upload(server, "busy.bin", image);
        server.createTrigger("refusals", "lwm2m-register", """
                if (event.endpoint.key === 'plain-1') {
                  var out = {};
                  function attempt(name, f) { try { f(); out[name] = 'no error'; } catch (e) { out[name] = e.name + ': ' + e.message; } }
                  attempt('unknownEndpoint', function () { lwm2m.firmwareUpdate('nobody', 'busy.bin'); });
                  attempt('noObject5', function () { lwm2m.firmwareUpdate('plain-1', 'busy.bin'); });
                  attempt('badProtocol', function () { lwm2m.firmwareUpdate('plain-1', 'busy.bin', {protocol: 'ftp'}); });
                  attempt('noTarget', function () { lwm2m.firmwareUpdate('plain-1'); });
                  out.cancelNothing = lwm2m.firmwareCancel('plain-1');
                  log.info('refusals', out);
                }
                """);
        bed.start(TestDevice.named("plain-1")).awaitRegistered();
        await().atMost(Duration.ofSeconds(20)).until(() -> !server.logs("refusals").isEmpty());
        @SuppressWarnings("unchecked")
        Map<String, Object> out = (Map<String, Object>) server.logs("refusals").get(0).get("data");
        assertThat(out).containsEntry("unknownEndpoint", "Error: endpoint 'nobody' is not registered")
                .containsEntry("noObject5", "Error: 'plain-1' has no Firmware Update object instance /5/0")
                .containsEntry("badProtocol", "TypeError: lwm2m.firmwareUpdate: protocol must be http, https, coap or"
                        + " coaps, not 'ftp'")
                .containsEntry("cancelNothing", false);
        assertThat((String) out.get("noTarget")).startsWith("TypeError: lwm2m.firmwareUpdate: the second argument");

        TestFirmware fw = TestFirmware.expecting(sha256(image)).slowLink(Duration.ofMillis(5)).build();
        device("busy-1", fw);
        assertThat(server.api().post("/api/v1/endpoints/busy-1/firmware", Map.of("file", "missing.bin")).toString())
                .startsWith("404").contains("no file named 'missing.bin' in the inventory");
        assertThat(server.api().post("/api/v1/endpoints/busy-1/firmware", Map.of("file", "../x")).toString())
                .startsWith("400").contains("firmware name may only contain");
        assertThat(server.api().post("/api/v1/endpoints/busy-1/firmware", Map.of()).toString())
                .startsWith("400").contains("give either 'file'");
        assertThat(server.api().post("/api/v1/endpoints/busy-1/firmware",
                Map.of("uri", "http://example.com/x.bin", "options", Map.of("delivery", "push"))).toString())
                .startsWith("400").contains("a URI can only be pulled");
        assertThat(server.api().post("/api/v1/endpoints/busy-1/firmware",
                Map.of("file", "busy.bin", "options", Map.of("protocol", "https"))).toString())
                .startsWith("400").contains("does not serve firmware over https");
        assertThat(server.api().post("/api/v1/endpoints/busy-1/firmware",
                Map.of("file", "busy.bin", "options", Map.of("instance", "1"))).toString())
                .startsWith("400").contains("has no Firmware Update object instance /5/1");
        assertThat(server.api().post("/api/v1/endpoints/nobody/firmware", Map.of("file", "busy.bin")).status())
                .isEqualTo(404);
        assertThat(server.api().get("/api/v1/fota").items()).isEmpty();

        // one update at a time per device, and its file cannot be deleted meanwhile
        startOverApi(server, "busy-1", Map.of("file", "busy.bin", "options", Map.of("protocol", "coap")), 202);
        assertThat(server.api().post("/api/v1/endpoints/busy-1/firmware", Map.of("file", "busy.bin")).toString())
                .startsWith("409").contains("already in progress");
        Api.Response delete = server.api().delete("/api/v1/inventory/busy.bin");
        assertThat(delete.status()).isEqualTo(409);
        assertThat((String) delete.map().get("error")).contains("used by a running firmware update");
        assertThat(server.api().get("/api/v1/fota?active=true").items()).hasSize(1);

        assertThat(awaitComplete(server, "busy-1", Duration.ofSeconds(30))).containsEntry("success", true);
        assertThat(server.api().delete("/api/v1/inventory/busy.bin").status()).isEqualTo(204);
        assertThat(server.api().get("/api/v1/fota?active=true").items()).isEmpty();
    }

    @Test
    void update_of_a_device_being_updated_cannot_be_cancelled_once_update_was_executed() {
        byte[] image = TestFirmware.image(2_000, 17);
        Firmwares.upload(server, "late.bin", image);
        // reports no result and keeps its version: Update runs until the update timeout
        server.api().put("/api/v1/settings", Map.of("fota_update_timeout_s", 3));
        TestFirmware fw = TestFirmware.expecting(sha256(image)).reportsResult(false).build();
        device("late-1", fw);
        startOverApi(server, "late-1", Map.of("file", "late.bin"), 202);
        await().atMost(Duration.ofSeconds(20)).until(() -> fw.log().contains("update"));
        await().atMost(Duration.ofSeconds(5)).until(() -> "updating".equals(Firmwares.job(server, "late-1").get("phase")));

        Api.Response cancel = server.api().delete("/api/v1/endpoints/late-1/firmware");
        assertThat(cancel.status()).isEqualTo(409);
        assertThat((String) cancel.map().get("error")).contains("can no longer be cancelled");

        Map<String, Object> done = awaitComplete(server, "late-1", Duration.ofSeconds(10));
        assertThat(done).containsEntry("success", false).containsEntry("result", "Timed out while updating");
        assertThat(Instant.parse((String) done.get("dateComplete")))
                .isAfterOrEqualTo(Instant.parse((String) done.get("dateUpdating")).plusSeconds(2));
    }
}
