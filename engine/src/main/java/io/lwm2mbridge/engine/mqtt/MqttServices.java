package io.lwm2mbridge.engine.mqtt;

import io.lwm2mbridge.engine.services.HttpServices;
import io.lwm2mbridge.engine.services.ServiceException;
import io.lwm2mbridge.engine.services.ServiceKeys;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.store.RecordStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The MQTT services ({@code type: "mqtt"}), kept in the store the HTTP services use, so both share one key
 * space. Secrets ({@code password}, {@code clientKey}) are never returned: views show {@value HttpServices#MASK}
 * and writing it back keeps the stored value. Certificates and keys are checked when saved, so a broken PEM is
 * a 400 now rather than a connection error later. Writes are serialised; listeners hear the key of every change.
 */
public final class MqttServices {

    public static final String TYPE = "mqtt";
    /** MQTT 5 allows longer client ids; 23 is what every 3.1.1 broker must take, many take more. */
    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7e]{1,256}");
    private static final Set<String> FIELDS = Set.of("key", "type", "uri", "clientId", "username", "password",
            "keepAliveSeconds", "cleanStart", "protocolVersion", "caCertificate", "clientCertificate", "clientKey",
            "status");
    private static final MqttServiceCodec CODEC = new MqttServiceCodec();

    private final RecordStore<MqttService> store;
    private final Runnable commit;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public MqttServices(KeyValueStore store, Runnable commit) {
        this.store = new RecordStore<>(store, CODEC);
        this.commit = commit;
    }

    /** Heard after every create, replace and delete, with the service's key, on the writing thread. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Whether a body or a stored service is an MQTT one. */
    public static boolean isMqtt(Object service) {
        return service instanceof Map<?, ?> m && TYPE.equals(m.get("type"));
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        store.forEach((key, s) -> keys.add(key));
        return keys;
    }

    /** Views of every MQTT service, secrets masked. */
    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        store.forEach((key, s) -> out.add(view(s)));
        return out;
    }

    public Optional<Map<String, Object>> view(String key) {
        return store.get(key).map(MqttServices::view);
    }

    /** The service with its secrets, for connecting. */
    public Optional<MqttService> get(String key) {
        return store.get(key);
    }

    /** @throws ServiceException INVALID for a bad field, CONFLICT when the key is taken (by any service) */
    public Map<String, Object> create(Map<String, Object> body) {
        MqttService s;
        synchronized (this) {
            String key = ServiceKeys.checked(body.get("key"));
            if (store.contains(key)) {
                throw new ServiceException(ServiceException.Reason.CONFLICT, "service '" + key + "' already exists");
            }
            s = checked(key, body, null);
            store.put(key, s);
            commit.run();
        }
        changed(s.key());
        return view(s);
    }

    /** Replaces a service; masked secrets sent back keep what is stored. The connection is made anew. */
    public Map<String, Object> replace(String key, Map<String, Object> body) {
        MqttService s;
        synchronized (this) {
            MqttService old = store.get(key).orElseThrow(() -> new ServiceException(
                    ServiceException.Reason.NOT_FOUND, "no MQTT service '" + key + "'"));
            if (body.get("key") != null && !key.equals(body.get("key"))) {
                throw ServiceException.invalid("key cannot be changed (the body says '" + body.get("key") + "')");
            }
            s = checked(key, body, old);
            store.put(key, s);
            commit.run();
        }
        changed(key);
        return view(s);
    }

    public boolean delete(String key) {
        boolean removed;
        synchronized (this) {
            if (store.get(key).isEmpty()) {
                return false;
            }
            removed = store.remove(key);
            commit.run();
        }
        changed(key);
        return removed;
    }

    private void changed(String key) {
        listeners.forEach(l -> l.accept(key));
    }

    private static MqttService checked(String key, Map<String, Object> body, MqttService old) {
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ServiceException.invalid("unknown field '" + field + "' of an MQTT service (expected "
                        + String.join(", ", FIELDS.stream().filter(f -> !f.equals("status")).sorted().toList()) + ")");
            }
        }
        URI uri = uri(body.get("uri"));
        Object clientId = body.get("clientId") == null ? "lwm2m-bridge-" + key : body.get("clientId");
        if (!(clientId instanceof String id) || !CLIENT_ID.matcher(id).matches()) {
            throw ServiceException.invalid("clientId must be 1 to 256 printable ASCII characters without spaces");
        }
        String username = optionalText(body, "username");
        String password = secret(body, "password", old == null ? null : old.password());
        if (password != null && username == null) {
            throw ServiceException.invalid("a password needs a username");
        }
        Object keepAlive = body.get("keepAliveSeconds") == null ? MqttServiceCodec.DEFAULT_KEEP_ALIVE_S : body.get("keepAliveSeconds");
        if (!(keepAlive instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.intValue() < 0
                || n.intValue() > 65_535) {
            throw ServiceException.invalid("keepAliveSeconds must be a whole number from 0 (off) to 65535");
        }
        Object cleanStart = body.get("cleanStart") == null ? Boolean.TRUE : body.get("cleanStart");
        if (!(cleanStart instanceof Boolean)) {
            throw ServiceException.invalid("cleanStart must be true or false");
        }
        Object version = body.get("protocolVersion") == null ? MqttService.V5 : String.valueOf(body.get("protocolVersion"));
        if (version.equals("5.0")) {
            version = MqttService.V5;
        }
        if (!MqttService.V5.equals(version) && !MqttService.V311.equals(version)) {
            throw ServiceException.invalid("protocolVersion must be \"5\" or \"3.1.1\", not '" + version + "'");
        }
        String ca = optionalText(body, "caCertificate");
        String certificate = optionalText(body, "clientCertificate");
        String clientKey = secret(body, "clientKey", old == null ? null : old.clientKey());
        if ((ca != null || certificate != null) && !"mqtts".equalsIgnoreCase(uri.getScheme())) {
            throw ServiceException.invalid("caCertificate and clientCertificate need an mqtts:// uri");
        }
        if ((certificate == null) != (clientKey == null)) {
            throw ServiceException.invalid("clientCertificate and clientKey go together: give both or neither");
        }
        try {
            TlsContexts.check(ca, certificate, clientKey);
        } catch (IllegalArgumentException e) {
            throw ServiceException.invalid(e.getMessage());
        }
        return new MqttService(key, uri, (String) clientId, username, password, ((Number) keepAlive).intValue(),
                (Boolean) cleanStart, (String) version, ca, certificate, clientKey);
    }

    /** The service as the API shows it: the stored form with secrets masked. */
    private static Map<String, Object> view(MqttService s) {
        Map<String, Object> v = CODEC.encode(s);
        if (s.password() != null) {
            v.put("password", HttpServices.MASK);
        }
        if (s.clientKey() != null) {
            v.put("clientKey", HttpServices.MASK);
        }
        return v;
    }

    private static String optionalText(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null || v instanceof String s && s.isEmpty()) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ServiceException.invalid(field + " must be a string");
        }
        return s;
    }

    /** A secret field: {@value HttpServices#MASK} keeps the stored value, absent or null removes it. */
    private static String secret(Map<String, Object> body, String field, String stored) {
        String v = optionalText(body, field);
        if (HttpServices.MASK.equals(v)) {
            if (stored == null) {
                throw ServiceException.invalid(field + " is " + HttpServices.MASK + " but no value is stored to keep");
            }
            return stored;
        }
        return v;
    }


    private static URI uri(Object value) {
        if (!(value instanceof String u)) {
            throw ServiceException.invalid("uri is required: mqtt://host[:port] or mqtts://host[:port]");
        }
        try {
            URI uri = new URI(u);
            if (!"mqtt".equalsIgnoreCase(uri.getScheme()) && !"mqtts".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw ServiceException.invalid("uri must be mqtt://host[:port] or mqtts://host[:port], not '" + u + "'");
            }
            if (uri.getUserInfo() != null) {
                throw ServiceException.invalid("uri must not carry credentials: give username and password");
            }
            if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw ServiceException.invalid("uri must be only scheme, host and port, not '" + u + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw ServiceException.invalid("uri is not a URI: " + e.getMessage());
        }
    }
}
