package io.lwm2mbridge.engine.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Debian {@code mosquitto} broker on a free loopback port, started and stopped by a test. Without
 * mosquitto on the machine the test is skipped, unless {@code BRIDGE_REQUIRE_MQTT=1} (as {@code .ci/run}
 * sets), which fails it. {@link #stop()} and {@link #start()} keep the port and the sessions clients asked to keep,
 * so a client configured with {@link #uri()} reconnects to the same broker.
 */
public final class Mosquitto implements AutoCloseable {

    private static final String BINARY = firstExecutable("/usr/sbin/mosquitto", "/usr/bin/mosquitto");
    private static final String PASSWD = firstExecutable("/usr/bin/mosquitto_passwd");

    private final Path dir;
    private final int port;
    private final String username;
    private final String password;
    private final Tls tls;
    private Process process;

    /**
     * A TLS listener: the CA (PEM) that signs client certificates, the broker's certificate and PKCS#8 key (PEM),
     * and whether a client must present a certificate.
     */
    public record Tls(String caPem, String certificatePem, String keyPem, boolean requireClientCertificate) {}

    private Mosquitto(int port, String username, String password, Tls tls) throws IOException {
        this.dir = Files.createTempDirectory("mosquitto-");
        this.port = port;
        this.username = username;
        this.password = password;
        this.tls = tls;
        writeConfig();
        start();
    }

    /** A broker that takes any client, no password. */
    public static Mosquitto anonymous() {
        return launch(null, null);
    }

    /** A broker that takes only {@code username} with {@code password}. */
    public static Mosquitto withPassword(String username, String password) {
        return launch(username, password);
    }

    /** A broker that speaks only TLS (mqtts) on its port. */
    public static Mosquitto withTls(Tls tls) {
        return launch(null, null, tls);
    }

    private static Mosquitto launch(String username, String password) {
        return launch(username, password, null);
    }

    private static Mosquitto launch(String username, String password, Tls tls) {
        boolean present = BINARY != null && (username == null || PASSWD != null);
        if (!present && "1".equals(System.getenv("BRIDGE_REQUIRE_MQTT"))) {
            throw new AssertionError("BRIDGE_REQUIRE_MQTT=1 but mosquitto is missing (apt-get install mosquitto)");
        }
        Assumptions.assumeTrue(present, "no mosquitto here (apt-get install mosquitto)");
        try {
            return new Mosquitto(freePort(), username, password, tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code mqtt://127.0.0.1:<port>}, or {@code mqtts://} for a TLS broker. */
    public String uri() {
        return (tls == null ? "mqtt" : "mqtts") + "://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts the broker (again, on the same port) and waits until it accepts connections. */
    public synchronized void start() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(BINARY, "-c", dir.resolve("mosquitto.conf").toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited with " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(50));
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s: " + log());
    }

    /** Stops the broker; clients see their connection drop. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** What the broker logged, for failure messages. */
    public String log() {
        try {
            Path log = dir.resolve("mosquitto.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private void writeConfig() throws IOException {
        StringBuilder conf = new StringBuilder();
        conf.append("listener ").append(port).append(" 127.0.0.1\n");
        // sessions of clients that ask for one (clean start false) survive stop() and start(), so a test's
        // subscriber misses nothing a reconnecting bridge sends before the subscriber is back
        conf.append("persistence true\n");
        conf.append("persistence_location ").append(dir).append("/\n");
        // started as root, mosquitto would drop to the 'mosquitto' user, who cannot read this private folder
        conf.append("user ").append(System.getProperty("user.name")).append('\n');
        conf.append("log_dest stderr\n");
        conf.append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
        conf.append("max_queued_messages 100000\n");
        if (tls != null) {
            Files.writeString(dir.resolve("ca.pem"), tls.caPem());
            Files.writeString(dir.resolve("cert.pem"), tls.certificatePem());
            Files.writeString(dir.resolve("key.pem"), tls.keyPem());
            conf.append("cafile ").append(dir.resolve("ca.pem")).append('\n');
            conf.append("certfile ").append(dir.resolve("cert.pem")).append('\n');
            conf.append("keyfile ").append(dir.resolve("key.pem")).append('\n');
            conf.append("require_certificate ").append(tls.requireClientCertificate()).append('\n');
        }
        if (username == null) {
            conf.append("allow_anonymous true\n");
        } else {
            Path passwords = dir.resolve("passwords");
            Files.writeString(passwords, "");
            run(PASSWD, "-b", passwords.toString(), username, password);
            conf.append("allow_anonymous false\n");
            conf.append("password_file ").append(passwords).append('\n');
        }
        Files.writeString(dir.resolve("mosquitto.conf"), conf.toString(), StandardCharsets.UTF_8);
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String firstExecutable(String... candidates) {
        for (String c : candidates) {
            if (Files.isExecutable(Paths.get(c))) {
                return c;
            }
        }
        return null;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
