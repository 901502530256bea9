package io.lwm2mbridge.engine.firmware.api;

import io.lwm2mbridge.engine.api.ApiErrors;
import io.lwm2mbridge.engine.api.ApiException;
import io.lwm2mbridge.engine.api.ApiJson;
import io.lwm2mbridge.engine.api.JsonBody;
import io.lwm2mbridge.engine.api.Refusals;
import io.lwm2mbridge.engine.firmware.fota.FotaException;
import io.lwm2mbridge.engine.firmware.fota.FotaOptions;
import io.lwm2mbridge.engine.firmware.fota.FotaService;
import io.lwm2mbridge.engine.firmware.fota.json.FotaJobJson;
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
import io.micronaut.http.annotation.QueryValue;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Firmware updates over the API: {@code POST /endpoints/{key}/firmware} ({@code {file or uri, options}},
 * the options of {@code lwm2m.firmwareUpdate}) starts one and answers 202 with the job,
 * {@code DELETE /endpoints/{key}/firmware} cancels it, {@code GET /fota} lists jobs in progress and recent
 * ones, {@code GET /fota/{id}} shows one.
 */
@Controller("/api/v1")
public record FirmwareController(FotaService fota) {

    @Post("/endpoints/{key}/firmware")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<String>> start(String key, @Body @Nullable String body) {
        Map<String, Object> request = JsonBody.object(body);
        Object file = request.get("file");
        Object uri = request.get("uri");
        if ((file == null) == (uri == null)) {
            throw ApiException.badRequest("give either 'file' (a name in the inventory) or 'uri' (a full URI)");
        }
        Object target = file != null ? file : uri;
        if (!(target instanceof String text) || text.isBlank()) {
            throw ApiException.badRequest((file != null ? "file" : "uri") + " must be a non-empty string");
        }
        if (uri != null && !text.contains("://")) {
            throw ApiException.badRequest("uri must be a full URI such as https://host/path, not '" + text + "'");
        }
        Object rawOptions = request.get("options");
        if (rawOptions != null && !(rawOptions instanceof Map<?, ?>)) {
            throw ApiException.badRequest("options must be a JSON object");
        }
        FotaOptions options;
        try {
            options = FotaOptionsReader.read((Map<?, ?>) rawOptions);
        } catch (FotaException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return fota.start(key, text.trim(), options).handle((job, failure) -> failure != null
                ? refusal(failure) : ApiJson.status(HttpStatus.ACCEPTED, FotaJobJson.view(job)));
    }

    @Delete("/endpoints/{key}/firmware")
    public CompletableFuture<HttpResponse<String>> cancel(String key) {
        return fota.cancel(key).handle((ended, failure) -> {
            if (failure != null) {
                return refusal(failure);
            }
            return ended.map(job -> ApiJson.ok(FotaJobJson.view(job))).orElseGet(() -> ApiErrors.response(HttpStatus.NOT_FOUND,
                    "no firmware update of '" + key + "' is in progress", null));
        });
    }

    @Get("/fota")
    public HttpResponse<String> list(@QueryValue @Nullable String endpoint, @QueryValue @Nullable Boolean active) {
        return ApiJson.ok(Map.of("items", fota.jobs(endpoint, Boolean.TRUE.equals(active)).stream()
                .map(FotaJobJson::view).toList()));
    }

    @Get("/fota/{id}")
    public HttpResponse<String> get(String id) {
        return ApiJson.ok(fota.job(id).map(FotaJobJson::view).orElseThrow(() -> ApiException.notFound("no firmware update job '" + id + "'")));
    }

    private static HttpResponse<String> refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof FotaException f) {
            return Refusals.response(f);
        }
        return ApiErrors.response(HttpStatus.INTERNAL_SERVER_ERROR, String.valueOf(cause.getMessage()), null);
    }
}
