package io.lwm2mbridge.engine.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Registrations without credentials, replayed as an attacker sends them: malformed and out-of-range
 * parameters over raw CoAP, more registrations and more never-provisioned endpoints than the bounds,
 * and records left behind by devices that went away.
 */
class RegistrationBoundsTest {

    private TestServer server;
    private Api api;
    private final List<TestDevice> devices = new ArrayList<>();
    private final List<CoapEndpoint> coapEndpoints = new ArrayList<>();

    @BeforeEach
    void start() {
        server = TestServer.start();
        api = server.api();
    }

    @AfterEach
    void stop() {
        devices.forEach(TestDevice::close);
        coapEndpoints.forEach(CoapEndpoint::destroy);
        server.close();
    }

    private CoapResponse post(String pathAndQuery) throws Exception {
        CoapClient client = new CoapClient();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile()).build();
        coapEndpoints.add(endpoint);
        client.setEndpoint(endpoint);
        client.setTimeout(10_000L);
        String uri = pathAndQuery.startsWith("/rd?") && !pathAndQuery.contains("lwm2m=")
                ? pathAndQuery + "&lwm2m=1.1" : pathAndQuery;
        Request request = Request.newPost().setURI("coap://127.0.0.1:" + server.server().coapPort() + uri);
        request.setPayload("</1/0>,</3/0>".getBytes(StandardCharsets.UTF_8));
        request.getOptions().setContentFormat(MediaTypeRegistry.APPLICATION_LINK_FORMAT);
        return client.advanced(request);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> registrationStats() {
        return (Map<String, Object>) api.get("/api/v1/stats").map().get("registrations");
    }

    private TestDevice device(String name) {
        TestDevice d = TestDevice.named(name).start(server.coapUri());
        devices.add(d);
        return d;
    }

    @Test
    void bad_and_out_of_range_parameters_are_4_00_with_the_reason_and_no_stack_trace() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        try {
            Map<String, String> cases = Map.of(
                    "/rd?ep=raw-1&lt=abc", "lt must be a whole number of seconds from 1 to 31536000",
                    "/rd?ep=raw-2&lt=-5", "not -5",
                    "/rd?ep=raw-3&lt=99999999999", "not 99999999999",
                    "/rd?ep=raw-4&b=ZZZ", "b must be binding letters",
                    "/rd?ep=raw%205&lt=60", "ep must be 1 to 255 characters");
            for (Map.Entry<String, String> c : cases.entrySet()) {
                CoapResponse r = post(c.getKey());
                assertThat(r.getCode()).as(c.getKey()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
                assertThat(r.getResponseText()).as(c.getKey()).contains(c.getValue());
            }
            // a good Register passes; an Update of it with a bad lifetime does not
            CoapResponse ok = post("/rd?ep=raw-ok&lt=60&lwm2m=1.1");
            assertThat(ok.getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
            String location = String.join("/", ok.getOptions().getLocationPath());
            CoapResponse update = post("/" + location + "?lt=abc");
            assertThat(update.getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
            assertThat(post("/" + location + "?lt=120").getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).noneMatch(e -> e.getThrowableProxy() != null);
        assertThat(((Number) registrationStats().get("refusedParameters")).intValue()).isEqualTo(6);
        assertThat(server.server().leshan().getRegistrationService().getByEndpoint("raw-2")).isNull();
    }

    @Test
    void lifetimes_follow_the_settings() throws Exception {
        api.put("/api/v1/settings", Map.of("lifetime_min_s", 30, "lifetime_max_s", 3600));
        assertThat(post("/rd?ep=lt-1&lt=29").getResponseText()).contains("from 30 to 3600");
        assertThat(post("/rd?ep=lt-2&lt=3601").getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
        CoapResponse ok = post("/rd?ep=lt-3&lt=3600");
        assertThat(ok.getCode()).as(ok.getResponseText()).isEqualTo(CoAP.ResponseCode.CREATED);
    }

    @Test
    void past_max_registrations_a_new_endpoint_gets_5_03_until_one_leaves() throws Exception {
        api.put("/api/v1/settings", Map.of("max_registrations", 2));
        TestDevice a = device("full-a").awaitRegistered();
        device("full-b").awaitRegistered();

        CoapResponse refused = post("/rd?ep=full-c&lt=60");
        assertThat(refused.getCode()).isEqualTo(CoAP.ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(refused.getResponseText()).contains("max_registrations");
        assertThat(refused.getOptions().getMaxAge()).isEqualTo(RegistrationGate.RETRY_AFTER_S);
        // an endpoint already registered may register again: it takes no more room
        assertThat(post("/rd?ep=full-b&lt=60").getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
        assertThat(registrationStats()).containsEntry("current", 2).containsEntry("refusedFull", 1);

        a.deregister();
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) registrationStats().get("current")).intValue() == 1);
        assertThat(post("/rd?ep=full-c&lt=60").getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
    }

    @Test
    void past_max_unprovisioned_endpoints_an_unknown_endpoint_gets_5_03_but_a_provisioned_one_registers() throws Exception {
        api.put("/api/v1/settings", Map.of("max_unprovisioned_endpoints", 2));
        for (String ep : List.of("anon-1", "anon-2")) {
            assertThat(post("/rd?ep=" + ep + "&lt=60").getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ((Number) registrationStats().get("unprovisionedRecords")).intValue() == 2);

        CoapResponse refused = post("/rd?ep=anon-3&lt=60");
        assertThat(refused.getCode()).isEqualTo(CoAP.ResponseCode.SERVICE_UNAVAILABLE);
        assertThat(refused.getResponseText()).contains("max_unprovisioned_endpoints").contains("anon-3");
        assertThat(api.get("/api/v1/endpoints/anon-3").status()).isEqualTo(404);

        // provisioned over the API: it has a record, so it registers; and adopting a record frees a place
        assertThat(api.post("/api/v1/endpoints", Map.of("endpoint", "known-1")).status()).isEqualTo(201);
        assertThat(post("/rd?ep=known-1&lt=60").getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
        assertThat(api.put("/api/v1/endpoints/anon-1", Map.of("tags", Map.of("adopted", "yes"))).status()).isEqualTo(200);
        assertThat(registrationStats()).containsEntry("unprovisionedRecords", 1).containsEntry("refusedUnprovisioned", 1);
        assertThat(post("/rd?ep=anon-3&lt=60").getCode()).isEqualTo(CoAP.ResponseCode.CREATED);
    }

    @Test
    void records_of_unprovisioned_endpoints_gone_for_a_while_expire_and_the_others_stay() throws Exception {
        assertThat(api.post("/api/v1/endpoints", Map.of("endpoint", "kept-provisioned")).status()).isEqualTo(201);
        TestDevice gone = device("gone-anon").awaitRegistered();
        TestDevice provisioned = device("kept-provisioned").awaitRegistered();
        device("still-here").awaitRegistered();
        gone.deregister();
        provisioned.deregister();
        await().atMost(Duration.ofSeconds(10)).until(() -> "disconnected".equals(
                api.get("/api/v1/endpoints/gone-anon").map().get("status")));
        assertThat(api.get("/api/v1/endpoints/gone-anon").map()).containsEntry("origin", "registration");

        server.server().registrationGate().expireUnprovisioned(); // default 30 days: nothing yet
        assertThat(api.get("/api/v1/endpoints/gone-anon").status()).isEqualTo(200);

        api.put("/api/v1/settings", Map.of("unprovisioned_expiry_s", 1));
        Thread.sleep(1500);
        server.server().registrationGate().expireUnprovisioned();
        assertThat(api.get("/api/v1/endpoints/gone-anon").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/endpoints/kept-provisioned").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/endpoints/still-here").status()).isEqualTo(200);
        assertThat(registrationStats()).containsEntry("expiredRecords", 1);
    }
}
