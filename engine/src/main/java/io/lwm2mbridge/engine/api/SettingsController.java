package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.config.json.SettingsJson;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import java.util.Map;

/** {@code GET/PUT /api/v1/settings}: the run-time settings; a PUT changes only the names it gives. */
@Controller("/api/v1/settings")
public record SettingsController(Settings settings) {

    @Get
    public HttpResponse<String> get() {
        return ApiJson.ok(SettingsJson.values(settings));
    }

    /** {@code GET /settings/schema}: every setting's type, description, default, unit and bounds, for forms. */
    @Get("/schema")
    public HttpResponse<String> schema() {
        return ApiJson.ok(Map.of("items", Settings.ALL.stream().map(SettingsJson::schema).toList()));
    }

    @Put
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> put(@Body @Nullable String body) {
        JsonBody.applyObject(body, changes -> settings.update(SettingsJson.changes(changes)));
        return ApiJson.ok(SettingsJson.values(settings));
    }
}
