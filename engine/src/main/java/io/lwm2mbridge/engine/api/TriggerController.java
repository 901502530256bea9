package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.events.PipelineStats;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.Trigger;
import io.lwm2mbridge.engine.triggers.json.RunLogJson;
import io.lwm2mbridge.engine.triggers.json.TriggerJson;
import io.lwm2mbridge.engine.triggers.TriggerService;
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
import java.util.List;
import java.util.Map;

/**
 * Triggers: list, create or import, read (with its run counters since start, {@code runStats}), change,
 * delete, start, stop, and their recorded failures.
 */
@Controller("/api/v1/triggers")
public record TriggerController(TriggerService triggers, RunLog runLog, Settings settings, PipelineStats stats) {

    /** The counters a read adds to a trigger's fields; never stored, so dropped from what is written. */
    static final String RUN_STATS = "runStats";

    /** Longest script {@code /triggers/check} parses: a megabyte of script is no trigger. */
    static final int MAX_CHECKED_CHARS = 1_000_000;

    @Get
    public HttpResponse<String> list() {
        return ApiJson.ok(Map.of("items", triggers.list().stream().map(TriggerJson::fields).toList()));
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<?> create(@Body @Nullable String body) {
        Object parsed = JsonBody.parse(body);
        if (parsed instanceof List<?> items) {
            List<Trigger> created = triggers.importAll(
                    JsonBody.objects(items).stream().map(TriggerController::withoutRunStats).toList());
            return ApiJson.status(HttpStatus.CREATED, Map.of("items", created.stream().map(TriggerJson::fields).toList()));
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw ApiException.badRequest("the body must be a trigger object or an array of them");
        }
        return ApiJson.status(HttpStatus.CREATED, TriggerJson.fields(triggers.create(withoutRunStats(JsonBody.object(body)))));
    }

    /** The trigger's fields and {@code runStats}: runs, failures, sheds and budget failures since start. */
    /**
     * {@code POST /triggers/check} with {@code {name, def}}: whether the script would compile, as saving it
     * checks it, without saving: {@code {ok: true}} or {@code {ok: false, line, column, message}} (200 either
     * way: the check itself worked). The console's editor calls it while the user types.
     */
    @Post("/check")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> check(@Body @Nullable String body) {
        Map<String, Object> fields = JsonBody.object(body);
        if (fields.get("def") != null && !(fields.get("def") instanceof String)) {
            throw ApiException.badRequest("def must be the script as a string");
        }
        if (fields.get("def") instanceof String code && code.length() > MAX_CHECKED_CHARS) {
            throw ApiException.badRequest("def is longer than " + MAX_CHECKED_CHARS + " characters");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        triggers.checkScript(fields.get("name") instanceof String n ? n : null, (String) fields.get("def"))
                .ifPresentOrElse(p -> {
                    out.put("ok", false);
                    out.put("line", p.line());
                    out.put("column", p.column());
                    out.put("message", p.message());
                }, () -> out.put("ok", true));
        return ApiJson.ok(out);
    }

    @Get("/{id}")
    public HttpResponse<String> get(String id) {
        Trigger t = find(id);
        Map<String, Object> out = TriggerJson.fields(t);
        out.put(RUN_STATS, StatsJson.trigger(stats.triggerSnapshot(t.name())));
        return ApiJson.ok(out);
    }

    @Put("/{id}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> update(String id, @Body @Nullable String body) {
        return ApiJson.ok(TriggerJson.fields(triggers.update(id, withoutRunStats(JsonBody.object(body)))));
    }

    /** A trigger read back and written again carries its counters: they are not a field to store. */
    private static Map<String, Object> withoutRunStats(Map<String, Object> fields) {
        if (!fields.containsKey(RUN_STATS)) {
            return fields;
        }
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        copy.remove(RUN_STATS);
        return copy;
    }

    @Delete("/{id}")
    public HttpResponse<?> delete(String id) {
        if (!triggers.delete(id)) {
            throw ApiException.notFound("no trigger with id '" + id + "'");
        }
        return HttpResponse.noContent();
    }

    @Post("/{id}/start")
    public HttpResponse<String> start(String id) {
        find(id);
        return ApiJson.ok(TriggerJson.fields(triggers.setEnabled(id, true)));
    }

    @Post("/{id}/stop")
    public HttpResponse<String> stop(String id) {
        find(id);
        return ApiJson.ok(TriggerJson.fields(triggers.setEnabled(id, false)));
    }

    @Get("/{id}/errors")
    public HttpResponse<String> errors(String id, @QueryValue @Nullable Integer limit) {
        find(id);
        return ApiJson.ok(Map.of("items", RunLogJson.failures(runLog, id, JsonBody.limit(limit, 100, 1000),
                settings.integer(Settings.API_PAGE_MAX_BYTES))));
    }

    private Trigger find(String id) {
        return triggers.get(id).orElseThrow(() -> ApiException.notFound("no trigger with id '" + id + "'"));
    }
}
