package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.services.HttpCaller;
import io.lwm2mbridge.engine.services.HttpService;
import io.lwm2mbridge.engine.services.HttpServices;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.JsonBridge;
import io.lwm2mbridge.scripting.ScriptRun;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code http} host object: {@code get(url, opts)}, {@code post(url, body, opts)}, and the same
 * through a named service ({@code get(serviceKey, path, opts)}, {@code post(serviceKey, path, body,
 * opts)}): a first argument that is not an absolute URL names a service. Returns
 * {@code {status, headers, body}} with the body parsed when it is JSON; an HTTP error status is
 * returned, not thrown; a network failure or timeout throws. Options: {@code headers},
 * {@code query} (object of parameters), {@code timeout} (seconds). The wait does not count against
 * the CPU budget. A URL given with a service must lie under its base URL ({@link HttpService#refusal});
 * every target must pass {@link HttpCaller#checkAllowed} (no user info, {@code http_allowed_hosts},
 * every resolved address), or the call throws and nothing is sent.
 */
public record HttpFunctions(HttpCaller caller, HttpServices services, Supplier<Duration> defaultTimeout) {

    public void register(HostApi.Builder api) {
        api.add("http.get", (run, list) -> call(run, Args.of("http.get", list), "GET", false));
        api.add("http.post", (run, list) -> call(run, Args.of("http.post", list), "POST", true));
    }

    private Object call(ScriptRun run, Args args, String method, boolean hasBody) throws HostCallException {
        Object first = args.get(0);
        if (!(first instanceof String target) || target.isEmpty()) {
            throw args.type("the first argument must be a URL (or a service key), not " + Args.describe(first));
        }
        HttpService service = null;
        int next = 1;
        if (!target.contains("://")) {
            String key = target;
            service = services.get(key).orElseThrow(() -> args.error("no service '" + key
                    + "' (define it under /api/v1/services), and not an absolute URL either"));
            Object path = args.get(1);
            if (path != null && !(path instanceof String)) {
                throw args.type("the path after the service key must be a string, not " + Args.describe(path));
            }
            target = path == null ? "" : (String) path;
            next = 2;
        }
        Object body = hasBody ? args.get(next) : null;
        int optionsAt = hasBody ? next + 1 : next;
        Object rawOptions = args.get(optionsAt);
        if (rawOptions != null && !(rawOptions instanceof Map<?, ?>)) {
            throw args.type("the options must be an object ({headers, query, timeout}), not " + Args.describe(rawOptions));
        }
        Map<String, Object> options = args.optionalObject(optionsAt, "the options");

        URI uri = uri(args, service, target, options.get("query"));
        Map<String, String> headers = new LinkedHashMap<>();
        Duration timeout = defaultTimeout.get();
        if (service != null) {
            headers.putAll(service.headers());
            if (service.username() != null) {
                headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (service.username() + ":" + service.password()).getBytes(StandardCharsets.UTF_8)));
            }
            if (service.timeoutSeconds() != null) {
                timeout = Duration.ofSeconds(service.timeoutSeconds());
            }
        }
        headers.putAll(headers(args, options.get("headers")));
        timeout = timeout(args, options.get("timeout"), timeout);
        byte[] payload = null;
        if (hasBody && body != null) {
            payload = encode(body, headers);
        }
        // the caller checks the target (scheme, user info, allowed hosts, every address) before sending
        String function = args.function();
        HttpCaller.Response response = run.await(
                caller.send(new HttpCaller.Request(method, uri, headers, payload, timeout)).handle((r, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        throw new java.util.concurrent.CompletionException(
                                new HostCallException(function + ": " + cause.getMessage()));
                    }
                    return r;
                }),
                timeout.plusSeconds(5), args.function() + ": no answer from " + uri.getHost() + " within "
                        + timeout.toSeconds() + " s");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", response.status());
        out.put("headers", response.headers());
        out.put("body", decode(response));
        return out;
    }

    private static URI uri(Args args, HttpService service, String target, Object query) throws HostCallException {
        String text = target;
        if (service != null && !target.contains("://")) {
            String base = service.baseUrl().toString();
            String path = target.isEmpty() || target.startsWith("?") || target.startsWith("/") ? target : "/" + target;
            text = (base.endsWith("/") && path.startsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
        }
        if (query != null) {
            if (!(query instanceof Map<?, ?> q)) {
                throw args.type("query must be an object of parameter to value");
            }
            StringBuilder b = new StringBuilder(text);
            char sep = text.contains("?") ? '&' : '?';
            for (Map.Entry<?, ?> e : q.entrySet()) {
                b.append(sep).append(URLEncoder.encode(String.valueOf(e.getKey()), StandardCharsets.UTF_8));
                if (e.getValue() != null) {
                    b.append('=').append(URLEncoder.encode(JsonText.of(e.getValue()), StandardCharsets.UTF_8));
                }
                sep = '&';
            }
            text = b.toString();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw args.type("'" + text + "' is not a valid URL: " + e.getReason());
        }
        if (!uri.isAbsolute()) {
            throw args.type("'" + text + "' is not an absolute URL");
        }
        if (service != null) {
            // the service's headers and credentials go only where its baseUrl points, compared as parsed URLs
            String refusal = service.refusal(uri);
            if (refusal != null) {
                throw args.error("a URL given with service '" + service.key() + "' must lie under its baseUrl "
                        + service.baseUrl() + ": " + refusal);
            }
        }
        return uri;
    }

    private static Map<String, String> headers(Args args, Object headers) throws HostCallException {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers == null) {
            return out;
        }
        if (!(headers instanceof Map<?, ?> h)) {
            throw args.type("headers must be an object of header name to value");
        }
        for (Map.Entry<?, ?> e : h.entrySet()) {
            Object v = e.getValue();
            if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                throw args.type("header " + e.getKey() + " must be a string, not " + Args.describe(v));
            }
            out.put(String.valueOf(e.getKey()), JsonText.of(v));
        }
        return out;
    }

    private static Duration timeout(Args args, Object v, Duration fallback) throws HostCallException {
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number n)) {
            throw args.type("timeout must be a number of seconds, not " + Args.describe(v));
        }
        double s = n.doubleValue();
        if (!(s > 0) || s > 300) {
            throw args.range("timeout must be more than 0 and at most 300 seconds, not " + JsonText.of(s));
        }
        return Duration.ofMillis((long) (s * 1000));
    }

    /** Strings go as text, bytes as octets, anything else as JSON; a Content-Type the call gives is kept. */
    private static byte[] encode(Object body, Map<String, String> headers) {
        boolean typed = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("content-type"));
        if (body instanceof String s) {
            if (!typed) {
                headers.put("Content-Type", "text/plain; charset=utf-8");
            }
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (body instanceof byte[] b) {
            if (!typed) {
                headers.put("Content-Type", "application/octet-stream");
            }
            return b;
        }
        if (!typed) {
            headers.put("Content-Type", "application/json");
        }
        return JsonBridge.toJson(body).getBytes(StandardCharsets.UTF_8);
    }

    private static Object decode(HttpCaller.Response response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.contentType().toLowerCase(Locale.ROOT).contains("json")) {
            if (text.isBlank()) {
                return null;
            }
            try {
                return JsonBridge.fromJson(text);
            } catch (IllegalArgumentException e) {
                return text; // says JSON, is not: give the script the text rather than fail the call
            }
        }
        return text;
    }
}
