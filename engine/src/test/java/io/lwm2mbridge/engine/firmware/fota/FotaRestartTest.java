package io.lwm2mbridge.engine.firmware.fota;

import static io.lwm2mbridge.engine.firmware.fota.Firmwares.awaitComplete;
import static io.lwm2mbridge.engine.firmware.fota.Firmwares.completes;
import static io.lwm2mbridge.engine.testing.TestFirmware.sha256;
import static io.lwm2mbridge.engine.firmware.fota.Firmwares.startOverApi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

/** Updates survive a restart of the server: they carry on, or end with a clear result, exactly once. */
class FotaRestartTest {

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestServer server;

    @BeforeEach
    void start() {
        server = bed.server();
    }

    @Test
    void restart_mid_download_carries_on_when_the_device_registers_again() {
        byte[] image = TestFirmware.image(200_000, 20);
        Firmwares.upload(server, "big.bin", image);
        TestFirmware fw = TestFirmware.expecting(sha256(image)).slowLink(Duration.ofMillis(4)).build();
        TestDevice d = bed.start(TestDevice.named("restart-1").withFirmware(fw));
        d.awaitRegistered();
        Map<String, Object> job = startOverApi(server, "restart-1",
                Map.of("file", "big.bin", "options", Map.of("protocol", "coap", "context", "r-1")), 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> fw.downloadedBytes() > 20_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> Firmwares.job(server, "restart-1").get("dateDownloading") != null);

        Instant restarted = Instant.now();
        server.restartOnSamePorts();
        // the device's CoAP block requests are retransmitted until the restarted server answers them; its
        // next registration update finds the server without its registration, so it registers again
        d.client().triggerRegistrationUpdate();

        Map<String, Object> done = awaitComplete(server, "restart-1", Duration.ofSeconds(40));
        assertThat(done).containsEntry("success", true).containsEntry("jobId", job.get("id"))
                .containsEntry("context", "r-1");
        assertThat(Instant.parse((String) done.get("dateDownloading"))).isBefore(restarted);
        assertThat(Instant.parse((String) done.get("dateComplete"))).isAfter(restarted);
        assertThat(fw.log()).contains("downloaded 200000 bytes, sha256 " + sha256(image), "update");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> completes(server, "restart-1").size() == 1);
    }

    @Test
    void update_whose_deadline_passed_while_the_server_was_down_ends_with_its_timeout_at_start() {
        server.api().put("/api/v1/settings", Map.of("fota_download_timeout_s", 3));
        byte[] image = TestFirmware.image(50_000, 21);
        Firmwares.upload(server, "stuck.bin", image);
        TestFirmware fw = TestFirmware.expecting(sha256(image)).stallAfter(4096).build();
        TestDevice d = bed.start(TestDevice.named("restart-2").withFirmware(fw));
        d.awaitRegistered();
        startOverApi(server, "restart-2", Map.of("file", "stuck.bin", "options", Map.of("protocol", "coap")), 202);
        await().atMost(Duration.ofSeconds(10)).until(() -> fw.downloadedBytes() >= 4096);
        Instant deadline = Instant.parse((String) Firmwares.job(server, "restart-2").get("deadline"));
        fw.halt();
        d.vanish();

        // down until the deadline has passed: the stopped server must not end the job itself
        Instant[] upAgain = new Instant[1];
        server.restartOnSamePorts(() -> {
            await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(deadline));
            upAgain[0] = Instant.now();
        });

        Map<String, Object> done = awaitComplete(server, "restart-2", Duration.ofSeconds(10));
        assertThat(done).containsEntry("success", false).containsEntry("result", "Timed out while downloading");
        assertThat(Instant.parse((String) done.get("dateComplete"))).isAfterOrEqualTo(upAgain[0]);
        assertThat(Firmwares.job(server, "restart-2")).containsEntry("phase", "complete");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> completes(server, "restart-2").size() == 1);
    }
}
