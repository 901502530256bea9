package io.lwm2mbridge.engine.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@link BridgeConfig}: each setting from the environment when set there, else from
 * {@code $BRIDGE_DATA_DIR/bridge.yml} (or the file named by {@code --config}), else its default.
 * The file uses the environment names, in upper or lower case ({@code BRIDGE_HTTP_PORT: 8081} or
 * {@code http_port: 8081}).
 */
public final class ConfigLoader {

    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public BridgeConfig load(Path configFile) {
        Path dataDir = Path.of(envOr("BRIDGE_DATA_DIR", "./data"));
        Path file = configFile != null ? configFile : dataDir.resolve("bridge.yml");
        Map<String, String> fromFile = readYaml(file, configFile != null);
        Lookup lookup = new Lookup(env, fromFile);
        if (!env.containsKey("BRIDGE_DATA_DIR") && lookup.get("BRIDGE_DATA_DIR") != null) {
            dataDir = Path.of(lookup.get("BRIDGE_DATA_DIR"));
        }
        String objects = lookup.get("BRIDGE_OBJECTS_DIR");
        String publicHost = lookup.get("BRIDGE_PUBLIC_HOST");
        return new BridgeConfig(
                dataDir,
                lookup.port("BRIDGE_HTTP_PORT", 8080),
                lookup.port("BRIDGE_COAP_PORT", 5683),
                lookup.port("BRIDGE_COAPS_PORT", 5684),
                lookup.port("BRIDGE_BS_COAP_PORT", 5783),
                lookup.port("BRIDGE_BS_COAPS_PORT", 5784),
                orDefault(lookup.get("BRIDGE_BIND_ADDRESS"), "0.0.0.0"),
                publicHost != null && !publicHost.isBlank() ? publicHost : firstNonLoopbackAddress(),
                blankToNull(lookup.get("BRIDGE_API_TOKEN")),
                blankToNull(lookup.get("BRIDGE_REDIS_URI")),
                objects == null || objects.isBlank() ? null : Path.of(objects));
    }

    private String envOr(String name, String fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Map<String, String> readYaml(Path file, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new IllegalArgumentException("config file not found: " + file);
            }
            return Map.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            if (parsed == null) {
                return Map.of();
            }
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": expected a mapping of setting: value");
            }
            Map<String, String> out = new HashMap<>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k).toUpperCase();
                if (!key.startsWith("BRIDGE_")) {
                    key = "BRIDGE_" + key;
                }
                out.put(key, v == null ? null : String.valueOf(v));
            });
            return Collections.unmodifiableMap(out);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException) {
                throw e;
            }
            throw new IllegalArgumentException(file + " is not valid YAML: " + e.getMessage(), e);
        }
    }

    static String firstNonLoopbackAddress() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp() || nif.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nif.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                        return address.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through: loopback is always there
        }
        return "127.0.0.1";
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }

    private record Lookup(Map<String, String> env, Map<String, String> file) {
        String get(String name) {
            String v = env.get(name);
            return v != null ? v : file.get(name);
        }

        int port(String name, int fallback) {
            String v = get(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                int port = Integer.parseInt(v.trim());
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a port number (0-65535), not '" + v + "'");
            }
        }
    }
}
