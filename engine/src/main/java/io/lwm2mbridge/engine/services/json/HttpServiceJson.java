package io.lwm2mbridge.engine.services.json;

import static io.lwm2mbridge.engine.services.HttpServices.MASK;

import io.lwm2mbridge.engine.services.HttpService;
import io.lwm2mbridge.engine.services.ServiceException;
import io.lwm2mbridge.engine.services.ServiceKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An HTTP service as the API reads and shows it: {@code {key, type: "http", baseUrl, headers, basicAuth:
 * {username, password}, timeoutSeconds}}. Secrets (the basic-auth password, and every header value but a few
 * harmless ones such as {@code Content-Type}) are shown as {@value io.lwm2mbridge.engine.services.HttpServices#MASK}, and reading that back
 * keeps the stored value, so a read-modify-write through the API loses nothing.
 */
public final class HttpServiceJson {

    /** Header values shown as they are; all others may carry credentials and are masked. */
    static final Set<String> PLAIN_HEADERS = Set.of("content-type", "accept", "accept-language", "accept-encoding",
            "user-agent", "cache-control", "content-language");
    private static final HttpServiceCodec CODEC = new HttpServiceCodec();
    private static final Set<String> FIELDS = Set.of("key", "type", "baseUrl", "headers", "basicAuth", "timeoutSeconds");

    private HttpServiceJson() {}

    /** The key a create body gives. @throws ServiceException INVALID when it is not a valid key */
    public static String key(Map<String, Object> body) {
        return ServiceKeys.checked(body.get("key"));
    }

    /**
     * The service {@code key} a body describes; {@code old} is the stored one whose secrets masked values keep
     * (null on create).
     *
     * @throws ServiceException INVALID naming the first field that is wrong
     */
    public static HttpService parse(String key, Map<String, Object> body, HttpService old) {
        if (body.get("key") != null && !key.equals(body.get("key"))) {
            throw ServiceException.invalid("key cannot be changed (the body says '" + body.get("key") + "')");
        }
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
    public static Map<String, Object> view(HttpService s) {
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
}
