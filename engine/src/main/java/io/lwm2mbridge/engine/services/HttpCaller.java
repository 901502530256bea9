package io.lwm2mbridge.engine.services;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * Makes the HTTP requests of {@code http.*}: only to hosts the {@code http_allowed_hosts} policy
 * allows ({@link AllowedHosts}), with a timeout and a bound on the response size. Before anything is
 * sent the host is resolved and every address it has is checked, so a DNS name pointing at
 * {@code 127.0.0.1} is refused like the address itself. Redirects are never followed (a redirect could
 * lead past the policy, and would carry the request's credentials): a 3xx is returned to the script.
 * URLs with user info ({@code user@host}) are refused. Asynchronous: the future completes on the
 * client's threads and fails with an {@link IOException} whose message is written for the script's author.
 *
 * <p>The client resolves the host again when it connects; the JVM's address cache (30 s by default)
 * answers that second lookup with the addresses checked here.
 */
public final class HttpCaller implements AutoCloseable {

    /** Largest response body read; a larger one fails the call. */
    public static final int MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

    /** One request: method, absolute URI, headers, body (null for none) and how long to wait. */
    public record Request(String method, URI uri, Map<String, String> headers, byte[] body, Duration timeout) {}

    /** The answer: status, headers (lower-case names, repeated ones joined by ", ") and the raw body. */
    public record Response(int status, Map<String, String> headers, byte[] body) {
        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Supplier<String> allowedHosts;
    private final Resolver resolver;

    /** Looks a host up: every address it has. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** @param allowedHosts the current {@code http_allowed_hosts} policy */
    public HttpCaller(Supplier<String> allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    /** @param resolver how host names are looked up (tests give names addresses of their own) */
    public HttpCaller(Supplier<String> allowedHosts, Resolver resolver) {
        this.allowedHosts = allowedHosts;
        this.resolver = resolver;
    }

    /**
     * Checks the target before anything is sent: scheme, no user info, the host allowed by the policy, and
     * every address it resolves to public unless the policy names it. Blocks for the DNS lookup. The
     * message names the host, the address and the setting.
     */
    public void checkAllowed(URI uri) throws IOException {
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IOException("only http:// and https:// URLs can be called, not '" + uri + "'");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IOException("URLs with user info (user@host) are refused: give credentials in a service's"
                    + " basicAuth or a header");
        }
        if (uri.getHost() == null) {
            throw new IOException("the URL has no host: '" + uri + "'");
        }
        String host = uri.getHost();
        AllowedHosts policy = AllowedHosts.parse(allowedHosts.get());
        if (!policy.allowsHost(host)) {
            throw new IOException("host '" + host + "' is not allowed (setting http_allowed_hosts)");
        }
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new IOException("unknown host '" + host + "'");
        }
        for (InetAddress address : addresses) {
            String kind = LocalAddresses.kind(address).orElse(null);
            if (kind != null && !policy.namesLocal(name, address)) {
                boolean literal = AllowedHosts.literal(name.toLowerCase(java.util.Locale.ROOT)) != null;
                throw new IOException("host '" + host + "' " + (literal ? "is" : "resolves to") + " "
                        + address.getHostAddress() + ", " + kind + ", which scripts reach only when"
                        + " http_allowed_hosts names it ('*' never does)");
            }
        }
    }

    public CompletableFuture<Response> send(Request r) {
        HttpRequest request;
        try {
            checkAllowed(r.uri());
            HttpRequest.Builder b = HttpRequest.newBuilder(r.uri()).timeout(r.timeout());
            r.headers().forEach(b::header);
            b.method(r.method(), r.body() == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(r.body()));
            request = b.build();
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IOException("bad request: " + e.getMessage()));
        }
        return client.sendAsync(request, info -> new Limited(MAX_RESPONSE_BYTES))
                .handle((response, error) -> {
                    if (error != null) {
                        throw new CompletionException(explain(unwrap(error), r));
                    }
                    return new Response(response.statusCode(), headers(response), response.body());
                });
    }

    /** Abandons requests in flight (their scripts get an error) and stops the client's threads. */
    @Override
    public void close() {
        client.shutdownNow();
    }

    private static Map<String, String> headers(HttpResponse<?> response) {
        Map<String, String> out = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) {
                out.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
            }
        });
        return out;
    }

    private static Throwable unwrap(Throwable e) {
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static IOException explain(Throwable e, Request r) {
        String target = r.uri().getHost() + (r.uri().getPort() > 0 ? ":" + r.uri().getPort() : "");
        if (e instanceof HttpConnectTimeoutException) {
            return new IOException("could not connect to " + target + " in time");
        }
        if (e instanceof HttpTimeoutException) {
            return new IOException("no answer from " + target + " within " + r.timeout().toSeconds() + " s");
        }
        if (e instanceof ConnectException) {
            return new IOException("cannot connect to " + target + ": connection refused");
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new IOException("request to " + target + " failed: " + message);
    }

    /** Collects the body up to a bound; past it the download is cancelled and the call fails. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        private Flow.Subscription subscription;

        Limited(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (out.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("the response is larger than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out.toByteArray());
        }
    }
}
