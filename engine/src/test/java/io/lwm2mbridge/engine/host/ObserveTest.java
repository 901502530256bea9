package io.lwm2mbridge.engine.host;

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

/** lwm2m.observe and observeCancel: tokens, contexts, composite observations, and the notifications that follow. */
class ObserveTest {

    @RegisterExtension
    final TestBed bed = new TestBed();
    private TestDevice device;
    private final TestObject.Instance instance = new TestObject.Instance(0);

    @BeforeEach
    void start() {
        TestObject.define(bed.server().server());
        device = bed.start(TestDevice.named("watched").withModels(List.of(TestObject.MODEL))
                .withInstances(TestObject.ID, instance)).awaitRegistered();
    }

    @Test
    @SuppressWarnings("unchecked")
    void observe_delivers_the_first_response_and_every_notification_with_its_context_until_cancelled() {
        bed.server().createTrigger("on-notify", "lwm2m-data", """
                if (event.data.source === 'notify' && event.data.path === '33000/0/11') {
                  log.info('notified', {value: event.data.data.bridge_test_33000['0'].counter_11, ctx: event.data.context,
                      token: event.data.token, path: event.data.path, ids: event.data.translateIds});
                }
                """);
        Map<String, Object> out = Scripts.map(bed.server(), "watched",
                "trigger.reply(lwm2m.observe(event.endpoint.key, '33000/0/11', {async: false, context: {job: 7}}));");
        String token = (String) ((Map<String, Object>) out.get("tokens")).get("33000/0/11");
        assertThat(token).isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> values("notified").contains(0));

        instance.setCounter(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> values("notified").contains(1));
        instance.setCounter(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> values("notified").contains(2));
        assertThat(bed.server().logs("notified")).allSatisfy(e -> assertThat(e.get("data")).isEqualTo(Map.of(
                "value", ((Map<String, Object>) e.get("data")).get("value"), "ctx", Map.of("job", 7), "token", token,
                "path", "33000/0/11", "ids", "combined")));
        assertThat(values("notified")).containsExactly(0, 1, 2);

        Map<String, Object> cancelled = Scripts.map(bed.server(), "watched",
                "trigger.reply(lwm2m.observeCancel(event.endpoint.key, '" + token + "', {async: false}));");
        assertThat(cancelled).containsEntry("source", "observeCancel").containsEntry("success", true);
        instance.setCounter(3);
        // a second observation notifies after the change; the cancelled one would have done so first
        Scripts.run(bed.server(), "watched", "lwm2m.observe(event.endpoint.key, '33000/0/1', {context: 'marker'});");
        await().atMost(Duration.ofSeconds(10)).until(() -> notifyContexts().contains("marker"));
        instance.setCounter(4);
        Scripts.run(bed.server(), "watched", "lwm2m.write(event.endpoint.key, '33000/0/1', 5, {async: false});");
        await().atMost(Duration.ofSeconds(10)).until(() -> notifyContexts().stream().filter("marker"::equals).count() >= 2);
        assertThat(values("notified")).containsExactly(0, 1, 2);

        Map<String, Object> again = Scripts.map(bed.server(), "watched", """
                try { lwm2m.observeCancel(event.endpoint.key, '%s', {async: false}); trigger.reply({}); }
                catch (e) { trigger.reply({error: e.message}); }
                """.formatted(token));
        assertThat((String) again.get("error")).contains("has no observation with token '" + token + "'");
    }

    @Test
    @SuppressWarnings("unchecked")
    void two_observations_of_the_same_path_each_keep_their_own_token_and_context() {
        Map<String, Object> out = Scripts.map(bed.server(), "watched", """
                var ep = event.endpoint.key;
                var a = lwm2m.observe(ep, '33000/0/11', {async: false, context: 'A', translateIds: 'numbers'});
                var b = lwm2m.observe(ep, ['33000/0/11'], {async: false, context: 'B', encoding: 'senml_json',
                    translateIds: 'strings'});
                trigger.reply({a: a.tokens['33000/0/11'], b: b.tokens['33000/0/11']});
                """);
        String a = (String) out.get("a");
        String b = (String) out.get("b");
        assertThat(a).isNotEqualTo(b);

        instance.setCounter(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> counterNotifications(7).size() == 2);
        Map<Object, Object> byContext = new java.util.HashMap<>();
        for (Map<String, Object> d : counterNotifications(7)) {
            byContext.put(d.get("context"), d.get("token"));
        }
        assertThat(byContext).isEqualTo(Map.of("A", a, "B", b));
        // each in its own key format
        assertThat(counterNotifications(7)).anySatisfy(d -> assertThat(d.get("data"))
                .isEqualTo(Map.of("33000", Map.of("0", Map.of("11", 7)))));
        assertThat(counterNotifications(7)).anySatisfy(d -> assertThat(d.get("data"))
                .isEqualTo(Map.of("bridge_test", Map.of("0", Map.of("counter", 7)))));

        // cancelling A leaves B notifying
        Scripts.run(bed.server(), "watched", "lwm2m.observeCancel(event.endpoint.key, '" + a + "', {async: false});");
        instance.setCounter(8);
        await().atMost(Duration.ofSeconds(10)).until(() -> !counterNotifications(8).isEmpty());
        instance.setCounter(9);
        await().atMost(Duration.ofSeconds(10)).until(() -> !counterNotifications(9).isEmpty());
        assertThat(counterNotifications(8)).extracting(d -> d.get("context")).containsExactly("B");
        assertThat(counterNotifications(9)).extracting(d -> d.get("context")).containsExactly("B");

        // cancelling B too tells the device to stop
        Scripts.run(bed.server(), "watched", "lwm2m.observeCancel(event.endpoint.key, '" + b + "', {async: false});");
        assertThat(bed.server().server().leshan().getObservationService()
                .getObservations(bed.server().server().leshan().getRegistrationService().getByEndpoint("watched"))).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void observe_cancel_by_path_ends_every_single_observation_of_that_path_and_nothing_else() {
        Map<String, Object> out = Scripts.map(bed.server(), "watched", """
                var ep = event.endpoint.key;
                var a = lwm2m.observe(ep, '33000/0/11', {async: false, context: 'A'});
                var b = lwm2m.observe(ep, '/33000/0/11', {async: false, context: 'B', encoding: 'senml_json'});
                var other = lwm2m.observe(ep, '33000/0/1', {async: false, context: 'other'});
                var comp = lwm2m.observe(ep, ['33000/0/11', '33000/0/0'], {composite: true, async: false, context: 'comp'});
                trigger.reply({a: a.tokens['33000/0/11'], b: b.tokens['33000/0/11'], comp: comp.tokens.composite});
                """);
        instance.setCounter(61);
        await().atMost(Duration.ofSeconds(10)).until(() -> counterNotifications(61).size() == 3);

        Map<String, Object> cancelled = Scripts.map(bed.server(), "watched",
                "trigger.reply(lwm2m.observeCancel(event.endpoint.key, '/33000/0/11', {async: false}));");
        assertThat(cancelled).containsEntry("source", "observeCancel").containsEntry("success", true)
                .containsEntry("path", "33000/0/11");
        assertThat((List<Object>) cancelled.get("cancelled")).containsExactlyInAnyOrder(out.get("a"), out.get("b"));

        // the composite observation that includes the path and the other path's observation live on
        instance.setCounter(62);
        Scripts.run(bed.server(), "watched", "lwm2m.write(event.endpoint.key, '33000/0/1', 9, {async: false});");
        await().atMost(Duration.ofSeconds(10)).until(() -> counterNotifications(62).size() == 1
                && notifyContexts().contains("other"));
        assertThat(counterNotifications(62)).extracting(d -> d.get("context")).containsExactly("comp");
        instance.setCounter(63);
        await().atMost(Duration.ofSeconds(10)).until(() -> counterNotifications(63).size() == 1);
        assertThat(counterNotifications(63)).extracting(d -> d.get("context")).containsExactly("comp");

        // nothing left to cancel on that path is no error; an unknown endpoint is
        Map<String, Object> more = Scripts.map(bed.server(), "watched", """
                var out = {again: lwm2m.observeCancel(event.endpoint.key, ['33000/0/11'], {async: false}).cancelled};
                try { lwm2m.observeCancel('nobody', '3/0/13', {async: false}); } catch (e) { out.unknown = e.message; }
                try { lwm2m.observeCancel(event.endpoint.key, 'not-a-token', {async: false}); } catch (e) { out.bad = e.message; }
                try { lwm2m.observeCancel(event.endpoint.key, 42); } catch (e) { out.type = e.name; }
                trigger.reply(out);
                """);
        assertThat(more).containsEntry("again", List.of()).containsEntry("unknown", "endpoint 'nobody' is not registered")
                .containsEntry("bad", "endpoint 'watched' has no observation with token 'not-a-token'")
                .containsEntry("type", "TypeError");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composite_observe_returns_one_token_and_notifies_all_its_paths() {
        Map<String, Object> out = Scripts.map(bed.server(), "watched", """
                var ep = event.endpoint.key;
                var r = lwm2m.observe(ep, ['33000/0/11', '33000/0/0'], {composite: true, async: false,
                    translateIds: 'numbers', context: 'comp'});
                lwm2m.observe(ep, ['33000/0/1', '3/0/0'], {composite: true, context: 'comp-async'});
                trigger.reply(r);
                """);
        Map<String, Object> tokens = (Map<String, Object>) out.get("tokens");
        assertThat(tokens).containsOnlyKeys("composite");
        instance.setCounter(42);
        await().atMost(Duration.ofSeconds(10)).until(() -> counterNotifications(42).size() == 1);
        Map<String, Object> d = counterNotifications(42).get(0);
        assertThat(d).containsEntry("path", "33000/0/11,33000/0/0").containsEntry("context", "comp")
                .containsEntry("token", tokens.get("composite"));
        assertThat(d.get("data")).isEqualTo(Map.of("33000", Map.of("0", Map.of("11", 42, "0", "hello"))));
        await().atMost(Duration.ofSeconds(10)).until(() -> result("comp-async") != null);
        assertThat(result("comp-async")).containsEntry("source", "observe-composite")
                .containsEntry("path", "33000/0/1,3/0/0").containsEntry("success", true).containsKey("tokens");
    }

    @Test
    void observe_errors_and_empty_paths() {
        Map<String, Object> out = Scripts.map(bed.server(), "watched", """
                var ep = event.endpoint.key, out = {};
                out.empty = JSON.stringify(lwm2m.observe(ep, [], {async: false}));
                out.emptyAsync = lwm2m.observe(ep, []) == null;
                out.readEmpty = JSON.stringify(lwm2m.read(ep, [], {async: false}));
                try { lwm2m.observe(ep, '33000/4/11', {async: false}); } catch (e) { out.missing = e.message; }
                try { lwm2m.observe('nobody', '3/0/0', {async: false}); } catch (e) { out.unknown = e.message; }
                try { lwm2m.observeCancel(ep); } catch (e) { out.noToken = e.name; }
                try { lwm2m.observe(ep, ['33000/0', '33000/0/11'], {composite: true, async: false}); }
                catch (e) { out.overlap = e.name + ': ' + e.message; }
                try { lwm2m.read(ep, ['33000/0', '33000/0/11'], {composite: true, async: false}); }
                catch (e) { out.readOverlap = e.name + ': ' + e.message; }
                lwm2m.observe(ep, ['33000/0/11', '33000/4/11'], {context: 'partial'});
                trigger.reply(out);
                """);
        assertThat(out).containsEntry("empty", "{}").containsEntry("emptyAsync", true)
                .containsEntry("readEmpty", "{}").containsEntry("missing", "coap: not found")
                .containsEntry("unknown", "endpoint 'nobody' is not registered").containsEntry("noToken", "TypeError");
        assertThat((String) out.get("overlap")).startsWith("TypeError: cannot observe-composite: ");
        assertThat((String) out.get("readOverlap")).startsWith("TypeError: cannot read: ");
        await().atMost(Duration.ofSeconds(10)).until(() -> result("partial") != null);
        assertThat(result("partial")).containsEntry("source", "observe").containsEntry("success", false)
                .containsEntry("error", "partial success")
                .containsEntry("partialErrors", Map.of("33000/4/11", "coap: not found"));
        // the observation that worked is live
        instance.setCounter(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> counterNotifications(5).size() == 1);
        assertThat(counterNotifications(5).get(0)).containsEntry("context", "partial");
    }

    @Test
    void observations_end_with_their_registration() {
        Scripts.run(bed.server(), "watched", "lwm2m.observe(event.endpoint.key, '33000/0/11', {async: false, context: 'old'});");
        device.client().stop(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().server().leshan().getRegistrationService()
                .getByEndpoint("watched") == null);
        device.client().start();
        device.awaitRegistered();
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.server().server().leshan().getRegistrationService()
                .getByEndpoint("watched") != null);
        Scripts.run(bed.server(), "watched", "lwm2m.observe(event.endpoint.key, '33000/0/11', {async: false, context: 'new'});");
        instance.setCounter(77);
        await().atMost(Duration.ofSeconds(10)).until(() -> !counterNotifications(77).isEmpty());
        assertThat(counterNotifications(77)).extracting(d -> d.get("context")).containsExactly("new");
    }

    private List<Object> values(String message) {
        return bed.server().logs(message).stream()
                .map(e -> (Object) ((Map<?, ?>) e.get("data")).get("value"))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private List<Object> notifyContexts() {
        return bed.server().events("lwm2m-data", "watched").stream().map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> "notify".equals(d.get("source"))).map(d -> d.get("context")).toList();
    }

    /** Notifications whose counter (in any key format) has that value. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> counterNotifications(long value) {
        return bed.server().events("lwm2m-data", "watched").stream().map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> "notify".equals(d.get("source")))
                .filter(d -> Objects.equals(counter((Map<String, Object>) d.get("data")), value))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Long counter(Map<String, Object> data) {
        for (Object object : data.values()) {
            Object inst = ((Map<String, Object>) object).get("0");
            if (inst instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    String k = String.valueOf(e.getKey());
                    if ((k.equals("11") || k.equals("counter") || k.equals("counter_11")) && e.getValue() instanceof Number n) {
                        return n.longValue();
                    }
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> result(String context) {
        return bed.server().events("lwm2m-result", null).stream().map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> context.equals(d.get("context"))).findFirst().orElse(null);
    }
}
