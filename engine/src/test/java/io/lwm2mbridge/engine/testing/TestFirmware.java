package io.lwm2mbridge.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.BlockOption;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.exception.ConnectorException;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;

/**
 * A Firmware Update object instance (5/0) for {@link TestDevice} that really does the work: it downloads
 * the URI written to 5/0/1 (HTTP with java.net.http, CoAP block by block with a Californium client),
 * accepts an image written to 5/0/0 (Leshan reassembles the blocks), checks the SHA-256 it was told to
 * expect, moves State 0 → 1 → 2, and on Update (5/0/2) moves to 3, then reports Update Result 1 and/or
 * "reboots" with a new firmware version (3/0/3) and a registration update. Wrong image: result 5.
 *
 * <p>{@code TestDevice.named("d").withFirmware(TestFirmware.expecting(sha).build())}.
 */
public final class TestFirmware extends BaseInstanceEnabler {

    private final String expectedSha256;
    private final List<Integer> protocols;
    private final int delivery;
    private final boolean reportsResult;
    private final String newVersion;
    private final Duration blockDelay;
    private final long stallAfterBytes;
    private final int coapSzx;
    private final boolean reportsDownloading;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-firmware");
        t.setDaemon(true);
        return t;
    });
    private final List<String> log = new CopyOnWriteArrayList<>();

    private volatile int state;
    private volatile int result;
    private volatile String uri = "";
    private volatile String version;
    private volatile long downloadedBytes;
    private volatile Future<?> download;
    /** Goes up whenever a download is replaced or cancelled, so a late finish of the old one is ignored. */
    private volatile int generation;
    private volatile boolean halted;
    private volatile LeshanClient client;
    private volatile VersionedDevice device;

    /** Leshan wants a default constructor for instances it might create itself; tests use {@link #expecting}. */
    public TestFirmware() {
        this(new Builder(""));
    }

    private TestFirmware(Builder b) {
        super(0);
        this.expectedSha256 = b.sha256;
        this.protocols = List.copyOf(b.protocols);
        this.delivery = b.delivery;
        this.reportsResult = b.reportsResult;
        this.newVersion = b.newVersion;
        this.version = b.version;
        this.blockDelay = b.blockDelay;
        this.stallAfterBytes = b.stallAfterBytes;
        this.coapSzx = b.coapSzx;
        this.reportsDownloading = b.reportsDownloading;
    }

    /** A device that accepts only an image with this SHA-256 (lower-case hex). */
    public static Builder expecting(String sha256) {
        return new Builder(sha256);
    }

    /** What the device did, in order: "uri http://...", "downloaded 1024 bytes", "update", ... */
    public List<String> log() {
        return List.copyOf(log);
    }

    public int state() {
        return state;
    }

    public int result() {
        return result;
    }

    public String version() {
        return version;
    }

    public String uri() {
        return uri;
    }

    /** Bytes of the current or last download received so far. */
    public long downloadedBytes() {
        return downloadedBytes;
    }

    /** Stops downloading and answering for good, as a device that lost power does. */
    public void halt() {
        halted = true;
        Future<?> d = download;
        if (d != null) {
            d.cancel(true);
        }
        worker.shutdownNow();
    }

    /** The Device object (3/0) of this device, whose Firmware Version (3/0/3) an update changes. */
    Device device(String manufacturer, String model, String serial) {
        device = new VersionedDevice(manufacturer, model, serial, () -> version);
        return device;
    }

    void attach(LeshanClient leshanClient) {
        this.client = leshanClient;
    }

    @Override
    public ReadResponse read(LwM2mServer server, int resourceId) {
        return switch (resourceId) {
            case 1 -> ReadResponse.success(resourceId, uri);
            case 3 -> ReadResponse.success(resourceId, (long) state);
            case 5 -> ReadResponse.success(resourceId, (long) result);
            case 6 -> ReadResponse.success(resourceId, "test-firmware");
            case 7 -> ReadResponse.success(resourceId, version);
            case 8 -> {
                Map<Integer, Long> values = new LinkedHashMap<>();
                for (int i = 0; i < protocols.size(); i++) {
                    values.put(i, (long) protocols.get(i));
                }
                yield ReadResponse.success(resourceId, values, Type.INTEGER);
            }
            case 9 -> ReadResponse.success(resourceId, (long) delivery);
            default -> super.read(server, resourceId);
        };
    }

    @Override
    public synchronized WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
        if (resourceId == 1) {
            String written = String.valueOf(value.getValue());
            log.add("uri " + written);
            abortDownload();
            uri = written;
            if (written.isEmpty()) {
                set(0, 0);
                return WriteResponse.success();
            }
            if (delivery == 1) {
                return WriteResponse.badRequest("this device takes push only");
            }
            set(reportsDownloading ? 1 : 0, 0);
            int current = generation;
            download = worker.submit(() -> pull(written, current));
            return WriteResponse.success();
        }
        if (resourceId == 0) {
            byte[] image = (byte[]) value.getValue();
            log.add("package " + image.length + " bytes");
            abortDownload();
            if (image.length == 0 || (image.length == 1 && image[0] == 0)) {
                set(0, 0);
                return WriteResponse.success();
            }
            if (delivery == 0) {
                return WriteResponse.badRequest("this device takes pull only");
            }
            downloadedBytes = image.length;
            set(1, 0);
            finishDownload(sha256(image));
            return WriteResponse.success();
        }
        return super.write(server, replace, resourceId, value);
    }

    @Override
    public synchronized ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
        if (resourceId == 2) {
            if (state != 2) {
                return ExecuteResponse.methodNotAllowed();
            }
            log.add("update");
            set(3, 0);
            worker.submit(this::apply);
            return ExecuteResponse.success();
        }
        if (resourceId == 10) {
            if (state == 3) {
                return ExecuteResponse.methodNotAllowed();
            }
            log.add("cancel");
            abortDownload();
            set(0, 10);
            return ExecuteResponse.success();
        }
        return super.execute(server, resourceId, arguments);
    }

    @Override
    public List<Integer> getAvailableResourceIds(ObjectModel model) {
        return List.of(0, 1, 2, 3, 5, 6, 7, 8, 9, 10);
    }

    private void apply() {
        pause(Duration.ofMillis(200));
        synchronized (this) {
            if (newVersion != null) {
                version = newVersion;
                log.add("running " + newVersion);
            }
            if (reportsResult) {
                set(0, 1);
            }
        }
        LeshanClient c = client;
        if (newVersion != null && c != null && !halted) {
            // the "reboot": the server learns the new version from 3/0/3 after this registration update
            c.triggerRegistrationUpdate();
        }
    }

    private void pull(String from, int started) {
        try {
            URI target = URI.create(from);
            String scheme = target.getScheme() == null ? "" : target.getScheme();
            String sha = switch (scheme) {
                case "http", "https" -> httpDownload(target);
                case "coap" -> coapDownload(from);
                default -> {
                    log.add("unsupported scheme " + scheme);
                    yield null;
                }
            };
            synchronized (this) {
                if (started != generation || Thread.currentThread().isInterrupted()) {
                    return; // replaced or cancelled meanwhile
                }
                if (sha == null) {
                    set(0, scheme.startsWith("http") || scheme.equals("coap") ? 7 : 9);
                } else {
                    finishDownload(sha);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | ConnectorException | RuntimeException e) {
            log.add("download failed: " + e);
            synchronized (this) {
                if (started == generation) {
                    set(0, 4);
                }
            }
        }
    }

    private void finishDownload(String sha) {
        log.add("downloaded " + downloadedBytes + " bytes, sha256 " + sha);
        if (sha.equals(expectedSha256)) {
            set(2, 0);
        } else {
            set(0, 5);
        }
    }

    /** The SHA-256 of the body, or null for a status other than 200. */
    private String httpDownload(URI target) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        log.add("http " + response.statusCode());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                return null;
            }
            MessageDigest sha = digest();
            byte[] chunk = new byte[1024];
            downloadedBytes = 0;
            int n;
            while ((n = in.read(chunk)) >= 0) {
                sha.update(chunk, 0, n);
                downloadedBytes += n;
                throttle();
            }
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    /**
     * Fetches block after block (RFC 7959) with its own CoAP endpoint whose transparent block-wise
     * handling is off, so every block is one request this code makes.
     */
    private String coapDownload(String from) throws IOException, ConnectorException, InterruptedException {
        Configuration config = Configuration.createStandardWithoutFile();
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 0);
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(config)
                .setInetSocketAddress(new InetSocketAddress("127.0.0.1", 0)).build();
        CoapClient coap = new CoapClient();
        coap.setEndpoint(endpoint);
        coap.setTimeout(20_000L);
        try {
            MessageDigest sha = digest();
            downloadedBytes = 0;
            int szx = coapSzx;
            int num = 0;
            while (true) {
                Request get = Request.newGet();
                get.setURI(from);
                get.getOptions().setBlock2(szx, false, num);
                CoapResponse response = coap.advanced(get);
                if (response == null) {
                    throw new IOException("no answer to block " + num);
                }
                if (response.getCode() != CoAP.ResponseCode.CONTENT) {
                    log.add("coap " + response.getCode());
                    return null;
                }
                byte[] payload = response.getPayload();
                sha.update(payload);
                downloadedBytes += payload.length;
                BlockOption block = response.getOptions().getBlock2();
                if (block == null || !block.isM()) {
                    break;
                }
                // the server may send smaller blocks than asked: continue in its size
                szx = block.getSzx();
                num = (int) (downloadedBytes / BlockOption.szx2Size(szx));
                throttle();
            }
            return HexFormat.of().formatHex(sha.digest());
        } finally {
            coap.shutdown();
            endpoint.destroy();
        }
    }

    private void throttle() throws InterruptedException {
        while (stallAfterBytes >= 0 && downloadedBytes >= stallAfterBytes) {
            // a device that stops here: nothing more is fetched until it is halted or cancelled
            TimeUnit.MILLISECONDS.sleep(50);
        }
        if (!blockDelay.isZero()) {
            // simulates a slow link, so tests can act while a download is under way
            TimeUnit.NANOSECONDS.sleep(blockDelay.toNanos());
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
    }

    private void abortDownload() {
        generation++;
        Future<?> d = download;
        if (d != null) {
            d.cancel(true);
            download = null;
        }
    }

    /** Sets State and Update Result and notifies the result first, as devices report why before what. */
    private synchronized void set(int newState, int newResult) {
        boolean resultChanged = newResult != result;
        boolean stateChanged = newState != state;
        result = newResult;
        state = newState;
        if (halted) {
            return;
        }
        if (resultChanged) {
            fireResourceChange(5);
        }
        if (stateChanged) {
            fireResourceChange(3);
        }
    }

    private static void pause(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The SHA-256 of {@code data} in lower-case hex, as the inventory and the device's check write it. */
    public static String sha256(byte[] data) {
        return HexFormat.of().formatHex(digest().digest(data));
    }

    /** {@code size} pseudo-random bytes, the same for the same seed: a firmware image for a test. */
    public static byte[] image(int size, long seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Device object with a Firmware Version (3/0/3) that follows the firmware. */
    public static final class VersionedDevice extends Device {
        private final java.util.function.Supplier<String> version;

        /** Leshan wants a default constructor; this one reports version 1.0.0. */
        public VersionedDevice() {
            this("Leshan", "test-model", "SN-0001", () -> "1.0.0");
        }

        VersionedDevice(String manufacturer, String model, String serial, java.util.function.Supplier<String> version) {
            super(manufacturer, model, serial);
            this.version = version;
        }

        @Override
        public ReadResponse read(LwM2mServer server, int resourceId) {
            return resourceId == 3 ? ReadResponse.success(3, version.get()) : super.read(server, resourceId);
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            List<Integer> ids = new ArrayList<>(super.getAvailableResourceIds(model));
            ids.add(3);
            return ids;
        }
    }

    /** How the test device behaves; defaults: CoAP and HTTP, pull and push, reports result 1, version 1.0.0. */
    public static final class Builder {
        private final String sha256;
        private List<Integer> protocols = List.of(0, 2);
        private int delivery = 2;
        private boolean reportsResult = true;
        private String newVersion;
        private String version = "1.0.0";
        private Duration blockDelay = Duration.ZERO;
        private long stallAfterBytes = -1;
        private int coapSzx = 6;
        private boolean reportsDownloading = true;

        private Builder(String sha256) {
            this.sha256 = sha256;
        }

        /** Firmware Update Protocol Support (5/0/8): 0 CoAP, 1 CoAPS, 2 HTTP, 3 HTTPS. */
        public Builder protocols(Integer... codes) {
            this.protocols = List.of(codes);
            return this;
        }

        /** Firmware Update Delivery Method (5/0/9): 0 pull only, 1 push only, 2 both. */
        public Builder delivery(int method) {
            this.delivery = method;
            return this;
        }

        /** After Update: run {@code version} and send a registration update, as a device that reboots. */
        public Builder rebootsInto(String newVersion) {
            this.newVersion = newVersion;
            return this;
        }

        /** Whether Update ends with Update Result 1 (otherwise only a new version tells the server). */
        public Builder reportsResult(boolean reports) {
            this.reportsResult = reports;
            return this;
        }

        /** A pause after each downloaded block (CoAP) or KiB (HTTP). */
        public Builder slowLink(Duration perBlock) {
            this.blockDelay = perBlock;
            return this;
        }

        /** Stops fetching once this many bytes have arrived, staying in State Downloading. */
        public Builder stallAfter(long bytes) {
            this.stallAfterBytes = bytes;
            return this;
        }

        /** The CoAP block size asked for: 2^(szx+4) bytes, 6 (1024) by default. */
        public Builder coapBlockSzx(int szx) {
            this.coapSzx = szx;
            return this;
        }

        /** Stays in State Idle while downloading, moving straight to Downloaded, as some devices do. */
        public Builder quietWhileDownloading() {
            this.reportsDownloading = false;
            return this;
        }

        public TestFirmware build() {
            return new TestFirmware(this);
        }
    }
}
