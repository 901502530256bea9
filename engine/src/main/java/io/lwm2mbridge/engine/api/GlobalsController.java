package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.globals.GlobalValues;
import io.lwm2mbridge.engine.globals.json.GlobalsJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import java.util.Map;

/**
 * {@code GET/PUT /api/v1/globals}: the values scripts read as {@code global.values}. GET lists
 * {@code {items: [{name, value, secret}]}} with the value of a secret always null. PUT takes
 * {@code {"name": {"value": ..., "secret": true|false}, "other": null}}: it sets the names given
 * (a secret sent without {@code value} keeps its value), removes those given as null, keeps the rest.
 */
@Controller("/api/v1/globals")
public record GlobalsController(GlobalValues globals) {

    @Get
    public HttpResponse<String> list() {
        return ApiJson.ok(Map.of("items", GlobalsJson.view(globals.values())));
    }

    @Put
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> put(@Body @Nullable String body) {
        JsonBody.applyObject(body, changes -> globals.update(GlobalsJson.changes(changes)));
        return ApiJson.ok(Map.of("items", GlobalsJson.view(globals.values())));
    }
}
