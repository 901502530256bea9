package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.lwm2m.requests.ObservationRegistry;
import io.lwm2mbridge.engine.lwm2m.requests.Observations;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/endpoints/{key}/observations}: the observations scripts and the API hold on a device
 * now, each as {@code {token, paths, composite, context}}, sorted by path: what {@code observe-cancel}
 * can end. Firmware updates' own observations of object 5 are the FOTA job's and not listed.
 */
@Controller("/api/v1/endpoints/{key}/observations")
public record EndpointObservationsController(Observations observations, Endpoints endpoints) {

    @Get
    public HttpResponse<String> list(String key) {
        endpoints.records().require(key);
        List<Map<String, Object>> items = observations.registry().ofEndpoint(key).stream()
                .sorted(Comparator.comparing((ObservationRegistry.Entry e) -> String.join(",", e.pathTexts()))
                        .thenComparing(ObservationRegistry.Entry::token))
                .map(EndpointObservationsController::view)
                .toList();
        return ApiJson.ok(Map.of("items", items));
    }

    private static Map<String, Object> view(ObservationRegistry.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("token", e.token());
        m.put("paths", e.pathTexts());
        m.put("composite", e.composite());
        m.put("context", e.context());
        return m;
    }
}
