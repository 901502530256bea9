package io.lwm2mbridge.engine.testing;

import io.lwm2mbridge.engine.triggers.json.TriggerJson;
import io.lwm2mbridge.engine.events.EmptyData;
import io.lwm2mbridge.engine.events.EndpointRef;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.triggers.Trigger;
import io.lwm2mbridge.scripting.sandbox.RunOutcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs scripts through the server's real trigger runner and sandbox on the calling thread, as if a
 * trigger had fired, and gives back what they returned, replied or threw:
 * {@code new Scripts(server).value("return 1 + 1;")}, {@code .error("cache.get(5);")} ({@code {name,
 * message}}), or {@code Scripts.run(server, "dev-1", "trigger.reply(...)")} with {@code
 * event.endpoint.key} set to an endpoint.
 */
public final class Scripts {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private final TestServer server;

    public Scripts(TestServer server) {
        this.server = server;
    }

    /** Runs {@code body} as a function body and returns what it returned (null for nothing). */
    public Object value(String body) {
        return run(server, null, "trigger.reply((function () {\n" + body + "\n})());");
    }

    /** Runs {@code body}, which must throw, and returns the thrown error as {@code {name, message}}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> error(String body) {
        Object reply = run(server, null, "try { (function () {\n" + body + "\n})(); trigger.reply({__noError: true}); }"
                + " catch (e) { trigger.reply({name: e.name, message: e.message}); }");
        Map<String, Object> thrown = (Map<String, Object>) reply;
        if (thrown == null || thrown.containsKey("__noError")) {
            throw new AssertionError("the script did not throw: " + body);
        }
        return thrown;
    }

    /** Runs {@code script} with {@code event.endpoint.key} set to {@code endpoint}; fails the test if the run fails. */
    public static Object run(TestServer server, String endpoint, String script) {
        RunOutcome outcome = outcome(server, endpoint, script);
        if (!outcome.ok()) {
            throw new AssertionError("script failed: " + outcome.problem());
        }
        return outcome.reply();
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(TestServer server, String endpoint, String script) {
        return (Map<String, Object>) run(server, endpoint, script);
    }

    /** Runs {@code script} and returns how the run ended, failures included. */
    public static RunOutcome outcome(TestServer server, String endpoint, String script) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", "probe-" + COUNT.incrementAndGet());
        fields.put("name", fields.get("id"));
        fields.put("filterType", "generic");
        fields.put("def", script);
        Event event = new Event(0, Instant.now(), EventType.GENERIC, endpoint == null ? null : EndpointRef.of(endpoint),
                EmptyData.INSTANCE);
        return server.server().runner().runNow(TriggerJson.parse(fields), event);
    }
}
