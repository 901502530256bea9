package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.mqtt.MqttConnections;
import io.lwm2mbridge.engine.mqtt.MqttServices;
import io.lwm2mbridge.engine.services.HttpService;
import io.lwm2mbridge.engine.services.HttpServices;
import io.lwm2mbridge.engine.services.json.HttpServiceJson;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Named outbound targets: {@code GET/POST /api/v1/services}, {@code GET/PUT/DELETE /api/v1/services/{key}}.
 * HTTP targets for {@code http.*} as {@code {key, type: "http", baseUrl, headers, basicAuth: {username,
 * password}, timeoutSeconds}}; MQTT broker connections for {@code mqtt.*}, {@code mqtt-message} triggers and the
 * bridge as {@code {key, type: "mqtt", uri, clientId, username, password, keepAliveSeconds, cleanStart,
 * protocolVersion, caCertificate, clientCertificate, clientKey}} with the connection's {@code status}. Both kinds
 * share one key space. Passwords, keys and header values that may carry credentials come back as
 * {@value HttpServices#MASK}; sending that back keeps the stored value.
 */
@Controller("/api/v1/services")
public record ServiceController(HttpServices services, MqttServices mqttServices, MqttConnections mqtt) {

    @Get
    public HttpResponse<String> list() {
        List<Map<String, Object>> all = new ArrayList<>(services.list().stream().map(HttpServiceJson::view).toList());
        mqttServices.list().forEach(s -> all.add(withStatus(s)));
        all.sort(Comparator.comparing(s -> String.valueOf(s.get("key"))));
        return ApiJson.ok(Map.of("items", all));
    }

    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> create(@Body @Nullable String body) {
        Map<String, Object> fields = JsonBody.object(body);
        if (MqttServices.isMqtt(fields)) {
            return ApiJson.status(HttpStatus.CREATED, withStatus(mqttServices.create(fields)));
        }
        String key = HttpServiceJson.key(fields);
        return ApiJson.status(HttpStatus.CREATED,
                HttpServiceJson.view(services.create(key, none -> HttpServiceJson.parse(key, fields, none))));
    }

    @Get("/{key}")
    public HttpResponse<String> get(String key) {
        Optional<HttpService> http = services.get(key);
        if (http.isPresent()) {
            return ApiJson.ok(HttpServiceJson.view(http.get()));
        }
        return ApiJson.ok(withStatus(mqttServices.view(key)
                .orElseThrow(() -> ApiException.notFound("no service '" + key + "'"))));
    }

    @Put("/{key}")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public HttpResponse<String> replace(String key, @Body @Nullable String body) {
        Map<String, Object> fields = JsonBody.object(body);
        boolean storedMqtt = mqttServices.view(key).isPresent();
        if (fields.get("type") != null && storedMqtt != MqttServices.isMqtt(fields) && (storedMqtt
                || services.get(key).isPresent())) {
            throw ApiException.badRequest("type cannot be changed: delete the service and create it anew");
        }
        if (storedMqtt) {
            return ApiJson.ok(withStatus(mqttServices.replace(key, fields)));
        }
        return ApiJson.ok(HttpServiceJson.view(services.replace(key, old -> HttpServiceJson.parse(key, fields, old))));
    }

    @Delete("/{key}")
    public HttpResponse<?> delete(String key) {
        if (!services.delete(key) && !mqttServices.delete(key)) {
            throw ApiException.notFound("no service '" + key + "'");
        }
        return HttpResponse.noContent();
    }

    /** An MQTT service's view with its connection's state; a connection not made yet shows as connecting. */
    private Map<String, Object> withStatus(Map<String, Object> view) {
        Map<String, Object> v = new LinkedHashMap<>(view);
        v.put("status", mqtt.status(String.valueOf(view.get("key"))).orElse(Map.of("state", "connecting")));
        return v;
    }
}
