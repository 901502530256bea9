package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.bootstrap.BootstrapOutcome;
import io.lwm2mbridge.engine.bootstrap.BootstrapServer;
import io.lwm2mbridge.engine.bootstrap.StoredConfig;
import io.lwm2mbridge.engine.bootstrap.json.BootstrapConfigJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import java.util.Map;

/**
 * Stored bootstrap configurations, one per endpoint, in the reply schema of the trigger contract:
 * {@code GET /api/v1/bootstrap}, {@code GET/PUT/DELETE /api/v1/bootstrap/{endpoint}}, and the outcome of
 * the endpoint's recent bootstraps at {@code GET /api/v1/bootstrap/{endpoint}/history}. PSKs and private
 * keys are write-only: answers carry {@code pskSet}/{@code privateKeySet} instead.
 */
@Controller("/api/v1/bootstrap")
public record BootstrapController(BootstrapServer bootstrap) {

    @Get
    public HttpResponse<String> list() {
        return ApiJson.ok(Map.of("items", BootstrapConfigJson.list(bootstrap.configs())));
    }

    @Get("/{endpoint}")
    public HttpResponse<String> get(String endpoint) {
        return ApiJson.ok(bootstrap.configs().get(endpoint).map(BootstrapConfigJson::view)
                .orElseThrow(() -> ApiException.notFound("no bootstrap configuration stored for '" + endpoint + "'")));
    }

    @Put("/{endpoint}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> put(String endpoint, @Body @Nullable String body) {
        Map<String, Object> config = JsonBody.object(body);
        try {
            StoredConfig whole = BootstrapConfigJson.merged(config, bootstrap.configs().get(endpoint));
            bootstrap.configs().put(endpoint, whole);
            return ApiJson.ok(BootstrapConfigJson.view(whole));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid bootstrap configuration: " + e.getMessage());
        }
    }

    @Delete("/{endpoint}")
    public HttpResponse<?> delete(String endpoint) {
        if (!bootstrap.configs().delete(endpoint)) {
            throw ApiException.notFound("no bootstrap configuration stored for '" + endpoint + "'");
        }
        return HttpResponse.noContent();
    }

    @Get("/{endpoint}/history")
    public HttpResponse<String> history(String endpoint) {
        return ApiJson.ok(Map.of("items", bootstrap.history().entries(endpoint).stream()
                .map(BootstrapOutcome::toJson).toList()));
    }
}
