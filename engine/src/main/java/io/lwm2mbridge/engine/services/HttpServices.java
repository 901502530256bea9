package io.lwm2mbridge.engine.services;

import io.lwm2mbridge.engine.store.KeyValueStore;
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
    private static final Set<String> FIELDS = Set.of("key", "type", "baseUrl", "headers", "basicAuth", "timeoutSeconds");

    private final KeyValueStore store;
    private final Runnable commit;

    public HttpServices(KeyValueStore store, Runnable commit) {
        this.store = store;
        this.commit = commit;
    }

    public List<Map<String, Object>> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String key : store.keys()) {
            stored(key).ifPresent(s -> out.add(view(s)));
        }
        return out;
    }

    public Optional<Map<String, Object>> view(String key) {
        return stored(key).map(HttpServices::view);
    }

    /** The service with its secrets, for making requests. */
    @SuppressWarnings("unchecked")
    public Optional<HttpService> get(String key) {
        return stored(key).map(s -> {
            Map<String, Object> auth = s.get("basicAuth") instanceof Map<?, ?> a ? (Map<String, Object>) a : null;
            Map<String, String> headers = new LinkedHashMap<>();
            if (s.get("headers") instanceof Map<?, ?> h) {
                h.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
            }
            return new HttpService(key, URI.create((String) s.get("baseUrl")), headers,
                    auth == null ? null : (String) auth.get("username"), auth == null ? null : (String) auth.get("password"),
                    s.get("timeoutSeconds") instanceof Number n ? n.intValue() : null);
        });
    }

    /** @throws ServiceException INVALID for a bad field, CONFLICT when the key is taken */
    public synchronized Map<String, Object> create(Map<String, Object> body) {
        String key = ServiceKeys.checked(body.get("key"));
        if (store.get(key) != null) {
            throw new ServiceException(ServiceException.Reason.CONFLICT, "service '" + key + "' already exists");
        }
        Map<String, Object> s = checked(key, body, null);
        store.put(key, s);
        commit.run();
        return view(s);
    }

    /** Replaces a service; masked values sent back keep what is stored. */
    public synchronized Map<String, Object> replace(String key, Map<String, Object> body) {
        Map<String, Object> old = stored(key).orElseThrow(() -> notFound(key));
        if (body.get("key") != null && !key.equals(body.get("key"))) {
            throw ServiceException.invalid("key cannot be changed (the body says '" + body.get("key") + "')");
        }
        Map<String, Object> s = checked(key, body, old);
        store.put(key, s);
        commit.run();
        return view(s);
    }

    public synchronized boolean delete(String key) {
        if (stored(key).isEmpty()) {
            return false;
        }
        boolean removed = store.remove(key);
        commit.run();
        return removed;
    }

    /** The HTTP service of that key; the MQTT services kept in the same store are not this class's. */
    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> stored(String key) {
        return store.get(key) instanceof Map<?, ?> m && !"mqtt".equals(m.get("type"))
                ? Optional.of(new LinkedHashMap<>((Map<String, Object>) m)) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> checked(String key, Map<String, Object> body, Map<String, Object> old) {
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
        Map<String, Object> oldHeaders = old != null && old.get("headers") instanceof Map<?, ?> h
                ? (Map<String, Object>) h : Map.of();
        Map<String, Object> headers = new LinkedHashMap<>();
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
                    Object kept = oldHeaders.get(name);
                    if (kept == null) {
                        throw ServiceException.invalid("header " + name + " is " + MASK + " but no value is stored to keep");
                    }
                    v = String.valueOf(kept);
                }
                headers.put(name, v);
            }
        }
        Map<String, Object> auth = null;
        if (body.get("basicAuth") != null) {
            if (!(body.get("basicAuth") instanceof Map<?, ?> a) || !(a.get("username") instanceof String user)
                    || user.isEmpty() || user.indexOf(':') >= 0) {
                throw ServiceException.invalid("basicAuth must be {username, password} with a username without ':'");
            }
            Object password = a.get("password");
            Map<String, Object> oldAuth = old != null && old.get("basicAuth") instanceof Map<?, ?> oa
                    ? (Map<String, Object>) oa : null;
            if (password == null || MASK.equals(password)) {
                if (oldAuth == null || !user.equals(oldAuth.get("username"))) {
                    throw ServiceException.invalid("basicAuth.password is required");
                }
                password = oldAuth.get("password");
            }
            if (!(password instanceof String)) {
                throw ServiceException.invalid("basicAuth.password must be a string");
            }
            auth = new LinkedHashMap<>();
            auth.put("username", user);
            auth.put("password", password);
        }
        Object timeout = body.get("timeoutSeconds");
        if (timeout != null && (!(timeout instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.intValue() < 1 || n.intValue() > 300)) {
            throw ServiceException.invalid("timeoutSeconds must be a whole number from 1 to 300");
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("key", key);
        s.put("type", "http");
        s.put("baseUrl", baseUrl);
        s.put("headers", headers);
        s.put("basicAuth", auth);
        s.put("timeoutSeconds", timeout == null ? null : ((Number) timeout).intValue());
        return s;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> view(Map<String, Object> s) {
        Map<String, Object> v = new LinkedHashMap<>(s);
        Map<String, Object> headers = new LinkedHashMap<>();
        if (s.get("headers") instanceof Map<?, ?> h) {
            h.forEach((k, value) -> headers.put(String.valueOf(k),
                    PLAIN_HEADERS.contains(String.valueOf(k).toLowerCase(Locale.ROOT)) ? value : MASK));
        }
        v.put("headers", headers);
        if (s.get("basicAuth") instanceof Map<?, ?> a) {
            Map<String, Object> auth = new LinkedHashMap<>();
            auth.put("username", a.get("username"));
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
