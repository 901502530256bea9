package io.lwm2mbridge.engine.services;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A named outbound HTTP target ({@code /api/v1/services}): requests made through it go to its base URL
 * with its headers and credentials.
 *
 * @param key the name scripts use ({@code http.post('crm', '/events', body)})
 * @param baseUrl absolute http(s) URL that request paths are appended to
 * @param headers sent with every request (a call's own headers win)
 * @param username basic-auth user, or null
 * @param password basic-auth password, or null; a secret
 * @param timeoutSeconds wait for an answer, or null for the server default
 */
public record HttpService(String key, URI baseUrl, Map<String, String> headers, String username, String password,
        Integer timeoutSeconds) {

    public HttpService {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers)); // in order
    }

    /**
     * Why a request URL does not lie under the base URL, or null when it does. Compared as parsed URLs,
     * never as text (where {@code http://localhost@127.0.0.1:28099/} "starts with" {@code http://localhost}):
     * no user info, the same scheme, host and port (80 and 443 when not written), and a path equal to the
     * base path or below it on a segment boundary ({@code /api/x} is under {@code /api}, {@code /api-admin}
     * is not), with no dot segments or encoded slashes that a server could resolve to elsewhere.
     */
    public String refusal(URI target) {
        if (target.getRawUserInfo() != null) {
            return "it carries user info (user@host)";
        }
        if (target.getScheme() == null || !target.getScheme().equalsIgnoreCase(baseUrl.getScheme())) {
            return "another scheme";
        }
        if (target.getHost() == null || !target.getHost().equalsIgnoreCase(baseUrl.getHost())) {
            return "another host";
        }
        if (port(target) != port(baseUrl)) {
            return "another port";
        }
        String path = target.getRawPath() == null ? "" : target.getRawPath();
        for (String segment : path.split("/")) {
            String decoded;
            try {
                decoded = URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return "its path is not valid percent-encoding";
            }
            if (decoded.equals(".") || decoded.equals("..") || decoded.contains("/") || decoded.contains("\\")) {
                return "its path has '.' or '..' segments or encoded slashes";
            }
        }
        String base = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.isEmpty() && !path.equals(base) && !path.startsWith(base + "/")) {
            return "its path is not " + base + " or below it";
        }
        return null;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
    }

    @Override
    public String toString() {
        return "HttpService[" + key + " " + baseUrl + "]";
    }
}
