package io.lwm2mbridge.engine.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/v1/openapi.yml}: the API described in OpenAPI 3, written by hand next to the
 * controllers (a test checks that every route is in it). Open to all, like {@code /health}.
 */
@Controller("/api/v1/openapi.yml")
public final class OpenApiController {

    private static final String DOCUMENT = load();

    @Get(produces = "application/yaml")
    public HttpResponse<String> document() {
        return HttpResponse.ok(DOCUMENT).contentType(MediaType.of("application/yaml"));
    }

    private static String load() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/api/openapi.yml")) {
            if (in == null) {
                throw new IllegalStateException("api/openapi.yml missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
