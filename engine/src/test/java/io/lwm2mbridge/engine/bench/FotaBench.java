package io.lwm2mbridge.engine.bench;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestFirmware;
import io.lwm2mbridge.engine.testing.TestServer;
import java.net.http.HttpRequest;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;

/**
 * Firmware figures on this machine, all on loopback (not a test: run it with {@code bench/fota}):
 * the time to fetch 1 MiB from the inventory over CoAP Block2, one request per block, and the time for
 * 50 devices to update at once, from the start of the updates to the last complete event.
 *
 * <pre>bench/fota [DEVICES] [IMAGE_KIB]</pre>
 */
public final class FotaBench {

    private FotaBench() {}

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int imageKib = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        out("machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        try (TestServer server = TestServer.start()) {
            byte[] mib = image(1024 * 1024, 1);
            String path = upload(server, "bench-1mib.bin", mib);
            block2(server, path, mib);
            fleet(server, devices, image(imageKib * 1024, 2), "coap");
            fleet(server, devices, image(imageKib * 1024, 3), "http");
        }
        System.exit(0);
    }

    /** 1 MiB over CoAP Block2 with 1024-byte blocks asked for (the server answers in its own block size). */
    private static void block2(TestServer server, String path, byte[] expected) throws Exception {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config).build();
        CoapClient client = new CoapClient();
        client.setEndpoint(endpoint);
        client.setTimeout(10_000L);
        String uri = "coap://127.0.0.1:" + server.server().coapPort() + path;
        long[] millis = new long[6];
        int blocks = 0;
        int blockSize = 0;
        for (int run = 0; run < millis.length; run++) {
            long start = System.nanoTime();
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long received = 0;
            int szx = 6;
            int num = 0;
            blocks = 0;
            while (true) {
                Request get = Request.newGet().setURI(uri);
                get.getOptions().setBlock2(szx, false, num);
                CoapResponse r = client.advanced(get);
                blocks++;
                sha.update(r.getPayload());
                received += r.getPayload().length;
                BlockOption b = r.getOptions().getBlock2();
                if (!b.isM()) {
                    break;
                }
                szx = b.getSzx();
                blockSize = BlockOption.szx2Size(szx);
                num = (int) (received / blockSize);
            }
            millis[run] = (System.nanoTime() - start) / 1_000_000;
            if (!HexFormat.of().formatHex(sha.digest()).equals(sha256(expected))) {
                throw new AssertionError("the downloaded 1 MiB does not match its SHA-256");
            }
        }
        long[] measured = Arrays.copyOfRange(millis, 1, millis.length); // the first run warms up
        Arrays.sort(measured);
        out(String.format("coap-block2-1mib: %d ms median, %d ms best (%d requests of %d-byte blocks, %d runs after a warm-up)",
                measured[measured.length / 2], measured[0], blocks, blockSize, measured.length));
        client.shutdown();
        endpoint.destroy();
    }

    /** {@code count} devices pull the same image at once; the download slot limit is raised to let them. */
    private static void fleet(TestServer server, int count, byte[] image, String protocol) throws Exception {
        server.api().put("/api/v1/settings", Map.of("fota_max_concurrent_downloads", count));
        String name = "fleet-" + protocol + ".bin";
        upload(server, name, image);
        List<TestDevice> devices = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                devices.add(TestDevice.named("bench-" + protocol + "-" + i)
                        .withFirmware(TestFirmware.expecting(sha256(image)).build()).start(server.coapUri()));
            }
            devices.forEach(TestDevice::awaitRegistered);
            long start = System.nanoTime();
            for (TestDevice d : devices) {
                Api.Response r = server.api().post("/api/v1/endpoints/" + d.endpoint() + "/firmware",
                        Map.of("file", name, "options", Map.of("protocol", protocol)));
                if (r.status() != 202) {
                    throw new AssertionError("update not started: " + r);
                }
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            int done;
            int ok;
            while (true) {
                done = 0;
                ok = 0;
                for (Map<String, Object> e : server.server().events().query(
                        EventType.LWM2M_FIRMWARE_UPDATE_COMPLETE, null, null, 0, 100_000)) {
                    if (String.valueOf(((Map<?, ?>) e.get("endpoint")).get("key")).startsWith("bench-" + protocol + "-")) {
                        done++;
                        if (Boolean.TRUE.equals(((Map<?, ?>) e.get("data")).get("success"))) {
                            ok++;
                        }
                    }
                }
                if (done == count || System.nanoTime() > deadline) {
                    break;
                }
                Thread.sleep(100);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            out(String.format("fota-%d-devices-%s: %d of %d succeeded in %.1f s (%d KiB image each, %.1f MiB/s in total)",
                    count, protocol, ok, count, millis / 1000.0, image.length / 1024,
                    (double) image.length * ok / 1024 / 1024 / (millis / 1000.0)));
        } finally {
            devices.forEach(TestDevice::close);
        }
    }

    private static String upload(TestServer server, String name, byte[] content) {
        Api.Response r = server.api().send(server.api().request("/api/v1/inventory?name=" + name)
                .header("Content-Type", "application/octet-stream").POST(HttpRequest.BodyPublishers.ofByteArray(content)));
        if (r.status() != 201) {
            throw new AssertionError("upload failed: " + r);
        }
        return (String) r.map().get("downloadPath");
    }

    private static byte[] image(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static void out(String line) {
        System.out.println(line);
    }
}
