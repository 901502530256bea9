package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.reports.ReportCsv;
import io.lwm2mbridge.engine.reports.ReportDefinition;
import io.lwm2mbridge.engine.reports.ReportRow;
import io.lwm2mbridge.engine.reports.ReportService;
import io.lwm2mbridge.engine.reports.json.ReportJson;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reports: {@code GET /api/v1/reports} (definitions with {@code rowCount}), {@code POST /api/v1/reports}
 * ({@code {key, name, fields: [{key, name, type}]}}), {@code GET /api/v1/reports/{key}}
 * ({@code {key, name, fields, rows, next}}, rows paged with {@code ?after=<rowKey>&limit=}; or the
 * whole report with {@code ?format=csv}), {@code DELETE /api/v1/reports/{key}}.
 */
@Controller("/api/v1/reports")
public record ReportController(ReportService reports) {

    private static final MediaType CSV = MediaType.of("text/csv;charset=UTF-8");

    @Get
    public HttpResponse<String> list() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (ReportDefinition d : reports.list()) {
            Map<String, Object> item = ReportJson.definition(d);
            item.put("rowCount", reports.rowCount(d.key()));
            items.add(item);
        }
        return ApiJson.ok(Map.of("items", items));
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> create(@Body @Nullable String body) {
        Map<String, Object> fields = JsonBody.object(body);
        return ApiJson.status(HttpStatus.CREATED,
                ReportJson.definition(reports.create(ReportJson.key(fields), () -> ReportJson.draft(fields))));
    }

    @Get("/{key}")
    public HttpResponse<String> get(String key, @QueryValue @Nullable String format, @QueryValue @Nullable String after,
            @QueryValue @Nullable Integer limit) {
        ReportDefinition definition = reports.definition(key)
                .orElseThrow(() -> ApiException.notFound("no report '" + key + "'"));
        if (format != null && format.equalsIgnoreCase("csv")) {
            List<ReportRow> rows = reports.rows(key, null, Integer.MAX_VALUE).items();
            return HttpResponse.ok(ReportCsv.of(definition, rows)).contentType(CSV)
                    .header("Content-Disposition", "attachment; filename=\"" + key + ".csv\"");
        }
        if (format != null && !format.isBlank() && !format.equalsIgnoreCase("json")) {
            throw ApiException.badRequest("format must be 'json' or 'csv', not '" + format + "'");
        }
        ReportService.Rows page = reports.rows(key, after == null || after.isBlank() ? null : after,
                JsonBody.limit(limit, 1000, 10_000));
        Map<String, Object> out = ReportJson.definition(definition);
        out.put("rows", page.items().stream().map(ReportJson::row).toList());
        out.put("next", page.next());
        return ApiJson.ok(out);
    }

    @Delete("/{key}")
    public HttpResponse<?> delete(String key) {
        if (!reports.delete(key)) {
            throw ApiException.notFound("no report '" + key + "'");
        }
        return HttpResponse.noContent();
    }
}
