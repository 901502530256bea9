package io.lwm2mbridge.engine.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import io.lwm2mbridge.engine.testing.TestDevice;
import io.lwm2mbridge.engine.testing.TestObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Script observations live on, with their tokens and contexts, when a device registers again with a new session. */
class ReestablishedObservationsTest {

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestDevice device;
    private final TestObject.Instance instance = new TestObject.Instance(0);

    @BeforeEach
    void start() {
        TestObject.define(bed.server().server());
        device = bed.start(TestDevice.named("resessioned").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, instance)).awaitRegistered();
    }

    @SuppressWarnings("unchecked")
    private List<Object> notified(String token) {
        return bed.server().logs("notified").stream().map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> token.equals(d.get("token")) && Map.of("job", 3).equals(d.get("ctx")))
                .map(d -> d.get("value")).filter(Objects::nonNull).map(v -> (Object) ((Number) v).intValue()).toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void observation_is_re_established_with_its_token_and_context_on_a_new_registration() {
        bed.server().createTrigger("on-notify", "lwm2m-data", """
                if (event.data.source === 'notify' && event.data.path === '33000/0/11') {
                  log.info('notified', {value: event.data.data.bridge_test_33000['0'].counter_11, ctx: event.data.context,
                      token: event.data.token});
                }
                """);
        Map<String, Object> out = Scripts.map(bed.server(), "resessioned",
                "trigger.reply(lwm2m.observe(event.endpoint.key, '33000/0/11', {async: false, context: {job: 3}}));");
        String token = (String) ((Map<String, Object>) out.get("tokens")).get("33000/0/11");
        await().atMost(Duration.ofSeconds(10)).until(() -> notified(token).contains(0));
        String firstSession = bed.server().server().leshan().getRegistrationService().getByEndpoint("resessioned").getId();

        device.client().stop(false); // the device restarts: it registers again, forgetting its observations
        device.client().start();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            var reg = bed.server().server().leshan().getRegistrationService().getByEndpoint("resessioned");
            return reg != null && !reg.getId().equals(firstSession);
        });
        var reg = bed.server().server().leshan().getRegistrationService().getByEndpoint("resessioned");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !bed.server().server().leshan().getObservationService().getObservations(reg).isEmpty());

        instance.setCounter(4);
        await().atMost(Duration.ofSeconds(10)).until(() -> notified(token).contains(4));
        assertThat(bed.server().logs("notified")).allSatisfy(e -> assertThat((Map<String, Object>) e.get("data"))
                .containsEntry("token", token).containsEntry("ctx", Map.of("job", 3)));
    }
}
