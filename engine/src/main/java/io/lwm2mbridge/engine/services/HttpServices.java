package io.lwm2mbridge.engine.services;

import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.store.RecordStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The named HTTP services, kept in the store. Secrets (the basic-auth password, and every header
 * value but a few harmless ones such as {@code Content-Type}) are never returned: views show
 * {@value #MASK} in their place, and writing {@value #MASK} back keeps the stored value, so a
 * read-modify-write through the API loses nothing. Writes are serialised.
 */
public final class HttpServices {

    public static final String MASK = "********";
    /** Header values shown as they are; all others may carry credentials and are masked. */
    static final Set<String> PLAIN_HEADERS = Set.of("content-type", "accept", "accept-language", "accept-encoding",
            "user-agent", "cache-control", "content-language");
    private static final HttpServiceCodec CODEC = new HttpServiceCodec();
    private static final Set<String> FIELDS = Set.of("key", "type", "baseUrl", "headers", "basicAuth", "timeoutSeconds");

    private final RecordStore<HttpService> store;
    private final Runnable commit;

    public HttpServices(KeyValueStore store, Runnable commit) {
        this.store = new RecordStore<>(store, new HttpServiceCodec());
        this.commit = commit;
    }

    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        store.forEach((key, s) -> out.add(view(s)));
        return out;
    }

    public Optional<Map<String, Object>> view(String key) {
        return store.get(key).map(HttpServices::view);
    }

    /** The service with its secrets, for making requests. */
    public Optional<HttpService> get(String key) {
        return store.get(key);
    }

    /** @throws ServiceException INVALID for a bad field, CONFLICT when the key is taken */
    public synchronized Map<String, Object> create(Map<String, Object> body) {
        String key = ServiceKeys.checked(body.get("key"));
        if (store.contains(key)) {
            throw new ServiceException(ServiceException.Reason.CONFLICT, "service '" + key + "' already exists");
        }
        HttpService s = checked(key, body, null);
        store.put(key, s);
        commit.run();
        return view(s);
    }

    /** Replaces a service; masked values sent back keep what is stored. */
    public synchronized Map<String, Object> replace(String key, Map<String, Object> body) {
        HttpService old = store.get(key).orElseThrow(() -> notFound(key));
        if (body.get("key") != null && !key.equals(body.get("key"))) {
            throw ServiceException.invalid("key cannot be changed (the body says '" + body.get("key") + "')");
        }
        HttpService s = checked(key, body, old);
        store.put(key, s);
        commit.run();
        return view(s);
    }

    public synchronized boolean delete(String key) {
        if (store.get(key).isEmpty()) {
            return false;
        }
        boolean removed = store.remove(key);
        commit.run();
        return removed;
    }

    private static HttpService checked(String key, Map<String, Object> body, HttpService old) {
        Object type = body.get("type") == null ? "http" : body.get("type");
        if (!"http".equals(type)) {
            throw ServiceException.invalid("type must be 'http' or 'mqtt', not '" + type + "'");
        }
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ServiceException.invalid("unknown field '" + field + "' (expected " + String.join(", ",
                        FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String baseUrl = baseUrl(body.get("baseUrl"));
        Map<String, String> oldHeaders = old != null ? old.headers() : Map.of();
        Map<String, String> headers = new LinkedHashMap<>();
        if (body.get("headers") != null) {
            if (!(body.get("headers") instanceof Map<?, ?> h)) {
                throw ServiceException.invalid("headers must be an object of header name to value");
            }
            for (Map.Entry<?, ?> e : h.entrySet()) {
                String name = String.valueOf(e.getKey());
                if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                    throw ServiceException.invalid("'" + name + "' is not a valid header name");
                }
                if (!(e.getValue() instanceof String v) || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0) {
                    throw ServiceException.invalid("header " + name + " must be a one-line string");
                }
                if (MASK.equals(v)) {
                    String kept = oldHeaders.get(name);
                    if (kept == null) {
                        throw ServiceException.invalid("header " + name + " is " + MASK + " but no value is stored to keep");
                    }
                    v = kept;
                }
                headers.put(name, v);
            }
        }
        String username = null;
        String password = null;
        if (body.get("basicAuth") != null) {
            if (!(body.get("basicAuth") instanceof Map<?, ?> a) || !(a.get("username") instanceof String user)
                    || user.isEmpty() || user.indexOf(':') >= 0) {
                throw ServiceException.invalid("basicAuth must be {username, password} with a username without ':'");
            }
            Object given = a.get("password");
            if (given == null || MASK.equals(given)) {
                if (old == null || !user.equals(old.username())) {
                    throw ServiceException.invalid("basicAuth.password is required");
                }
                given = old.password();
            }
            if (!(given instanceof String p)) {
                throw ServiceException.invalid("basicAuth.password must be a string");
            }
            username = user;
            password = p;
        }
        Object timeout = body.get("timeoutSeconds");
        if (timeout != null && (!(timeout instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.intValue() < 1 || n.intValue() > 300)) {
            throw ServiceException.invalid("timeoutSeconds must be a whole number from 1 to 300");
        }
        return new HttpService(key, URI.create(baseUrl), headers, username, password,
                timeout == null ? null : ((Number) timeout).intValue());
    }

    /** The service as the API shows it: the stored form with secrets masked. */
    private static Map<String, Object> view(HttpService s) {
        Map<String, Object> v = CODEC.encode(s);
        Map<String, Object> headers = new LinkedHashMap<>();
        s.headers().forEach((k, value) -> headers.put(k,
                PLAIN_HEADERS.contains(k.toLowerCase(Locale.ROOT)) ? value : MASK));
        v.put("headers", headers);
        if (s.username() != null) {
            Map<String, Object> auth = new LinkedHashMap<>();
            auth.put("username", s.username());
            auth.put("password", MASK);
            v.put("basicAuth", auth);
        }
        return v;
    }

    private static String baseUrl(Object url) {
        if (!(url instanceof String u)) {
            throw ServiceException.invalid("baseUrl is required: an absolute http:// or https:// URL");
        }
        try {
            URI uri = new URI(u);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw ServiceException.invalid("baseUrl must be an absolute http:// or https:// URL, not '" + u + "'");
            }
            if (uri.getUserInfo() != null) {
                throw ServiceException.invalid("baseUrl must not carry credentials: give them in basicAuth");
            }
            return u;
        } catch (URISyntaxException e) {
            throw ServiceException.invalid("baseUrl is not a URL: " + e.getMessage());
        }
    }

    private static ServiceException notFound(String key) {
        return new ServiceException(ServiceException.Reason.NOT_FOUND, "no service '" + key + "'");
    }
}
