package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.services.HttpServices;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import java.util.Map;

/**
 * Named outbound HTTP targets for {@code http.*}: {@code GET/POST /api/v1/services},
 * {@code GET/PUT/DELETE /api/v1/services/{key}}, as {@code {key, type: "http", baseUrl, headers,
 * basicAuth: {username, password}, timeoutSeconds}}. Passwords and header values that may carry
 * credentials come back as {@value HttpServices#MASK}; sending that back keeps the stored value.
 */
@Controller("/api/v1/services")
public final class ServiceController {

    private final HttpServices services;

    public ServiceController(HttpServices services) {
        this.services = services;
    }

    @Get
    public HttpResponse<String> list() {
        return ApiJson.ok(Map.of("items", services.list()));
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> create(@Body @Nullable String body) {
        Map<String, Object> fields = JsonBody.object(body);
        return ApiJson.status(HttpStatus.CREATED, Refusals.map(() -> services.create(fields)));
    }

    @Get("/{key}")
    public HttpResponse<String> get(String key) {
        return ApiJson.ok(services.view(key).orElseThrow(() -> ApiException.notFound("no service '" + key + "'")));
    }

    @Put("/{key}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> replace(String key, @Body @Nullable String body) {
        Map<String, Object> fields = JsonBody.object(body);
        return ApiJson.ok(Refusals.map(() -> services.replace(key, fields)));
    }

    @Delete("/{key}")
    public HttpResponse<?> delete(String key) {
        if (!services.delete(key)) {
            throw ApiException.notFound("no service '" + key + "'");
        }
        return HttpResponse.noContent();
    }
}
