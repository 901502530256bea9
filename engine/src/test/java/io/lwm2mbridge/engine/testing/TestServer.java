package io.lwm2mbridge.engine.testing;

import io.lwm2mbridge.engine.BridgeServer;
import io.lwm2mbridge.engine.config.BridgeConfig;
import io.lwm2mbridge.engine.triggers.json.RunLogJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A real server for tests: every listener on a free loopback port, data in a temporary folder,
 * a known API token. {@link #restart()} stops it and starts it again on the same data.
 */
public final class TestServer implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789";

    private final Path dataDir;
    private final boolean ownDir;
    private final Path objectsDir;
    private BridgeServer server;

    private TestServer(Path dataDir, boolean ownDir) throws IOException {
        this(dataDir, ownDir, null);
    }

    private TestServer(Path dataDir, boolean ownDir, Path objectsDir) throws IOException {
        this.dataDir = dataDir;
        this.ownDir = ownDir;
        this.objectsDir = objectsDir;
        this.server = BridgeServer.start(config());
    }

    /** A server that loads the object definitions of {@code objectsDir} at each start (BRIDGE_OBJECTS_DIR). */
    public static TestServer startWithObjectsDir(Path objectsDir) {
        try {
            return new TestServer(Files.createTempDirectory("bridge-test-"), true, objectsDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer start() {
        try {
            return new TestServer(Files.createTempDirectory("bridge-test-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static TestServer startIn(Path dataDir) {
        try {
            return new TestServer(dataDir, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BridgeConfig config() {
        return BridgeConfig.ephemeral(dataDir).withApiToken(TOKEN).withObjectsDir(objectsDir);
    }

    public void restart() {
        server.close();
        try {
            server = BridgeServer.start(config());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops and starts again on the same data and the same HTTP and CoAP ports, as a real server restarts:
     * devices keep their server URI and the download URIs they were given stay valid.
     */
    public void restartOnSamePorts() {
        restartOnSamePorts(() -> { });
    }

    /** As {@link #restartOnSamePorts()}, running {@code whileDown} after the stop and before the start. */
    public void restartOnSamePorts(Runnable whileDown) {
        int http = server.httpPort();
        int coap = server.coapPort();
        server.close();
        whileDown.run();
        // Netty releases the listening socket on its event loop, a moment after stop() returns: a
        // start on the same port can lose that race, so try again while the cause is a taken port
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                server = BridgeServer.start(config().withPorts(http, coap));
                return;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                if (!portTaken(e) || System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean portTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return true;
            }
        }
        return false;
    }

    public BridgeServer server() {
        return server;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String coapUri() {
        return "coap://127.0.0.1:" + server.coapPort();
    }

    public String coapsUri() {
        return "coaps://127.0.0.1:" + server.coapsPort();
    }

    public String bootstrapCoapUri() {
        return "coap://127.0.0.1:" + server.bootstrapCoapPort();
    }

    public String bootstrapCoapsUri() {
        return "coaps://127.0.0.1:" + server.bootstrapCoapsPort();
    }

    public Api api() {
        return new Api("http://127.0.0.1:" + server.httpPort(), TOKEN);
    }

    /** Creates a trigger over the API and returns its id; fails the test on any other answer than 201. */
    public String createTrigger(String name, String filterType, String script) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("filterType", filterType);
        t.put("def", script);
        Api.Response r = api().post("/api/v1/triggers", t);
        if (r.status() != 201) {
            throw new AssertionError("trigger not created: " + r);
        }
        return (String) r.map().get("id");
    }

    /** Creates a {@code generic} trigger called by {@code calledBy} and returns its id; fails the test on any other answer than 201. */
    public String createGeneric(String name, String calledBy, String script) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("name", name);
        t.put("filterType", "generic");
        t.put("filterGeneric", calledBy);
        t.put("def", script);
        Api.Response r = api().post("/api/v1/triggers", t);
        if (r.status() != 201) {
            throw new AssertionError("generic trigger not created: " + r);
        }
        return (String) r.map().get("id");
    }

    /** Script log entries (from {@code log.*}) with the given message, oldest first. */
    public List<Map<String, Object>> logs(String message) {
        return logs(e -> message.equals(e.get("message")));
    }

    public List<Map<String, Object>> logs(Predicate<Map<String, Object>> filter) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> e : RunLogJson.query(server.runLog(), null, null, null, 100_000)) {
            if (filter.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    public List<Map<String, Object>> events(String type, String endpoint) {
        return server.events().query(io.lwm2mbridge.engine.events.EventType.parse(type).orElseThrow(), endpoint,
                null, 0, 100_000);
    }

    @Override
    public void close() {
        server.close();
        if (ownDir) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // temporary folder: leave what could not be removed
            }
        }
    }
}
