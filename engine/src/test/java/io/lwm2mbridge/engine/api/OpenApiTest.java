package io.lwm2mbridge.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestServer;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The OpenAPI document is served without a token and names every route the controllers have. */
class OpenApiTest {

    @Test
    @SuppressWarnings("unchecked")
    void document_is_served_and_lists_every_controller_route() throws Exception {
        Map<String, Object> doc;
        try (TestServer server = TestServer.start()) {
            Api.Response r = server.api().withToken(null).get("/api/v1/openapi.yml");
            assertThat(r.status()).isEqualTo(200);
            doc = new Yaml().load(r.body());
        }
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        TreeSet<String> missing = new TreeSet<>();
        for (Class<?> controller : controllers()) {
            String base = controller.getAnnotation(Controller.class).value();
            for (Method m : controller.getDeclaredMethods()) {
                String[] route = route(m);
                if (route == null) {
                    continue;
                }
                // a controller at "/" and {+path} (a path of several segments) as OpenAPI writes them
                String path = (base + route[1]).replaceAll("/+", "/").replaceAll("(.)/$", "$1").replace("{+", "{");
                Map<String, Object> ops = paths.get(path);
                if (ops == null || !ops.containsKey(route[0])) {
                    missing.add(route[0] + " " + path);
                }
            }
        }
        assertThat(missing).as("routes missing from openapi.yml").isEmpty();
    }

    private static String[] route(Method m) {
        if (m.isAnnotationPresent(Get.class)) {
            Get a = m.getAnnotation(Get.class);
            return new String[] {"get", a.value().isEmpty() ? a.uri() : a.value()};
        }
        if (m.isAnnotationPresent(Post.class)) {
            Post a = m.getAnnotation(Post.class);
            return new String[] {"post", a.value().isEmpty() ? a.uri() : a.value()};
        }
        if (m.isAnnotationPresent(Put.class)) {
            Put a = m.getAnnotation(Put.class);
            return new String[] {"put", a.value().isEmpty() ? a.uri() : a.value()};
        }
        if (m.isAnnotationPresent(Delete.class)) {
            Delete a = m.getAnnotation(Delete.class);
            return new String[] {"delete", a.value().isEmpty() ? a.uri() : a.value()};
        }
        return null;
    }

    private static Iterable<Class<?>> controllers() throws IOException {
        Path dir = Path.of("src/main/java/io/lwm2mbridge/engine/api");
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Controller.java"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 5)));
        }
        return names.stream().<Class<?>>map(n -> {
            try {
                return Class.forName("io.lwm2mbridge.engine.api." + n);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }).filter(c -> c.isAnnotationPresent(Controller.class)).toList();
    }
}
