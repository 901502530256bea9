package io.lwm2mbridge.engine.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the server is started: where it keeps its data and where it listens. Read once at start
 * (environment first, then {@code bridge.yml}, then the defaults); port 0 means "any free port",
 * which tests use.
 *
 * @param dataDir everything the server keeps (BRIDGE_DATA_DIR, default {@code ./data})
 * @param httpPort REST API, console and firmware downloads (BRIDGE_HTTP_PORT, 8080)
 * @param coapPort LwM2M server over UDP (BRIDGE_COAP_PORT, 5683)
 * @param coapsPort LwM2M server over DTLS (BRIDGE_COAPS_PORT, 5684)
 * @param bootstrapCoapPort bootstrap server over UDP (BRIDGE_BS_COAP_PORT, 5783)
 * @param bootstrapCoapsPort bootstrap server over DTLS (BRIDGE_BS_COAPS_PORT, 5784)
 * @param bindAddress where every listener binds (BRIDGE_BIND_ADDRESS, 0.0.0.0)
 * @param publicHost host written into URIs handed to devices (BRIDGE_PUBLIC_HOST)
 * @param apiToken bearer token for the API; null means generate or reuse {@code api-token} (BRIDGE_API_TOKEN)
 * @param redisUri shared store for several nodes; null means embedded storage (BRIDGE_REDIS_URI)
 * @param objectsDir a folder of object definitions loaded at start; null for none (BRIDGE_OBJECTS_DIR)
 */
public record BridgeConfig(
        Path dataDir,
        int httpPort,
        int coapPort,
        int coapsPort,
        int bootstrapCoapPort,
        int bootstrapCoapsPort,
        String bindAddress,
        String publicHost,
        String apiToken,
        String redisUri,
        Path objectsDir) {

    public BridgeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(publicHost, "publicHost");
        for (int port : new int[] {httpPort, coapPort, coapsPort, bootstrapCoapPort, bootstrapCoapsPort}) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** Defaults with every listener on a free loopback port and data in {@code dataDir}: for tests. */
    public static BridgeConfig ephemeral(Path dataDir) {
        return new BridgeConfig(dataDir, 0, 0, 0, 0, 0, "127.0.0.1", "127.0.0.1", null, null, null);
    }

    public BridgeConfig withApiToken(String token) {
        return new BridgeConfig(dataDir, httpPort, coapPort, coapsPort, bootstrapCoapPort, bootstrapCoapsPort,
                bindAddress, publicHost, token, redisUri, objectsDir);
    }

    public BridgeConfig withPorts(int http, int coap) {
        return new BridgeConfig(dataDir, http, coap, coapsPort, bootstrapCoapPort, bootstrapCoapsPort,
                bindAddress, publicHost, apiToken, redisUri, objectsDir);
    }

    public BridgeConfig withObjectsDir(Path dir) {
        return new BridgeConfig(dataDir, httpPort, coapPort, coapsPort, bootstrapCoapPort, bootstrapCoapsPort,
                bindAddress, publicHost, apiToken, redisUri, dir);
    }
}
