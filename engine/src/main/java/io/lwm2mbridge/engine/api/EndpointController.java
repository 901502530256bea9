package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.endpoints.EndpointQuery;
import io.lwm2mbridge.engine.endpoints.EndpointSearch;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.endpoints.json.EndpointJson;
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
import io.micronaut.http.annotation.QueryValue;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Endpoint records: {@code GET /api/v1/endpoints?q=<query>&after=<key>&limit=} (the
 * {@code endpoint.search} syntax, paged in key order), {@code POST /api/v1/endpoints}
 * ({@code {endpoint, identity, psk (hex), tags, ...}}: an endpoint and its credentials before it
 * connects), {@code GET/PUT/DELETE /api/v1/endpoints/{key}}. A record is {@code {key, name, identity,
 * tags, statusDetails, status, registration, ...}}; PSKs and keys are write-only and never appear.
 */
@Controller("/api/v1/endpoints")
public record EndpointController(Endpoints endpoints) {

    @Get
    public HttpResponse<String> search(@QueryValue @Nullable String q, @QueryValue @Nullable String after,
            @QueryValue @Nullable Integer limit) {
        EndpointQuery query;
        try {
            query = EndpointQuery.parse(q);
        } catch (EndpointQuery.Invalid e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, e.getMessage(), Map.of("column", e.column()));
        }
        EndpointSearch.Page page = endpoints.search().search(query, after == null || after.isBlank() ? null : after,
                JsonBody.limit(limit, 100, 1000));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page.items().stream().map(EndpointJson::view).toList());
        out.put("next", page.next());
        return ApiJson.ok(out);
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> create(@Body @Nullable String body) {
        Map<String, Object> fields = JsonBody.object(body);
        return ApiJson.status(HttpStatus.CREATED, EndpointJson.view(endpoints.provisioning().provision(fields)));
    }

    @Get("/{key}")
    public HttpResponse<String> get(String key) {
        return ApiJson.ok(EndpointJson.view(endpoints.records().require(key)));
    }

    @Put("/{key}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> update(String key, @Body @Nullable String body) {
        Map<String, Object> fields = JsonBody.object(body);
        return ApiJson.ok(EndpointJson.view(endpoints.provisioning().change(key, fields)));
    }

    @Delete("/{key}")
    public HttpResponse<?> delete(String key) {
        if (!endpoints.provisioning().delete(key)) {
            throw ApiException.notFound("no endpoint '" + key + "'");
        }
        return HttpResponse.noContent();
    }
}
