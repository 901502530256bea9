package io.lwm2mbridge.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A webhook receiver for tests: a JDK HTTP server on 127.0.0.1 that records every request and answers 204. */
final class Webhook implements AutoCloseable {

    /** One request: path, the Authorization header, and the JSON body. */
    record Call(String path, String authorization, Map<String, Object> body) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();

    Webhook() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            String text = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            @SuppressWarnings("unchecked")
            Map<String, Object> body = text.isBlank() ? Map.of() : JSON.readValue(text, Map.class);
            calls.add(new Call(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Authorization"), body));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
