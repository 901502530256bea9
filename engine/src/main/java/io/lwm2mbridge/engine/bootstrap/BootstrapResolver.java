package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.BootstrapData;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.security.PeerText;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.Trigger;
import io.lwm2mbridge.engine.triggers.TriggerFilter;
import io.lwm2mbridge.engine.triggers.TriggerRunner;
import io.lwm2mbridge.engine.triggers.TriggerService;
import io.lwm2mbridge.scripting.sandbox.RunOutcome;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;

/**
 * Finds the configuration for one bootstrap session, in this order: the first valid
 * {@code trigger.reply} of the {@code lwm2m-bootstrap} triggers (waited for up to
 * {@code bootstrap_reply_timeout_s}), the configuration stored for the endpoint, the automatic one of a
 * known endpoint; otherwise the session is refused. Publishes the {@code lwm2m-bootstrap} event (its
 * triggers are run here, not by the bus). Runs on a bootstrap protocol thread, which it blocks while
 * triggers run; an invalid reply is recorded as that trigger's failure and does not count as a reply.
 */
final class BootstrapResolver {

    /**
     * @param plan what to write, or null when refused
     * @param refusal why no configuration was found, for the operator
     * @param version the LwM2M version the event announced
     */
    record Resolution(BootstrapPlan plan, String refusal, String version) {}

    private record Reply(Trigger trigger, BootstrapReply reply) {}

    private final EventBus bus;
    private final TriggerService triggers;
    private final TriggerRunner runner;
    private final RunLog runLog;
    private final Endpoints endpoints;
    private final BootstrapConfigs stored;
    private final PlanBuilder plans;
    private final Settings settings;

    BootstrapResolver(EventBus bus, TriggerService triggers, TriggerRunner runner, RunLog runLog,
            Endpoints endpoints, BootstrapConfigs stored, PlanBuilder plans, Settings settings) {
        this.bus = bus;
        this.triggers = triggers;
        this.runner = runner;
        this.runLog = runLog;
        this.endpoints = endpoints;
        this.stored = stored;
        this.plans = plans;
        this.settings = settings;
    }

    /** LwM2M 1.1 added the preferred content format to the Bootstrap-Request; a 1.0 device sends none. */
    static String version(BootstrapSession session) {
        return session.getBootstrapRequest().getPreferredContentFormat() != null ? "1.1" : "1.0";
    }

    Resolution resolve(BootstrapSession session) {
        String endpoint = session.getEndpoint();
        String version = version(session);
        boolean lwm2m11 = "1.1".equals(version);
        long lifetime = settings.integer(Settings.BOOTSTRAP_LIFETIME);
        Event event = bus.publish(EventType.LWM2M_BOOTSTRAP, endpoints.records().ref(endpoint),
                new BootstrapData(version, PeerText.of(session.getClientTransportData())),
                new Event.Routing(null, null, true));
        String note;
        Optional<Reply> reply = firstReply(event, endpoint);
        if (reply.isPresent()) {
            try {
                return new Resolution(plans.fromReply(endpoint, reply.get().reply(), lifetime, lwm2m11,
                        "trigger:" + reply.get().trigger().name()), null, version);
            } catch (RuntimeException e) {
                runLog.failure(reply.get().trigger(), endpoint, "bootstrap reply could not be used: " + e.getMessage(), 0);
                note = "the reply of trigger " + reply.get().trigger().name() + " could not be used";
            }
        } else {
            note = "no lwm2m-bootstrap trigger replied";
        }
        Optional<BootstrapReply> configured = stored.reply(endpoint);
        if (configured.isPresent()) {
            return new Resolution(plans.fromReply(endpoint, configured.get(), lifetime, lwm2m11, "stored"), null, version);
        }
        if (endpoints.records().exists(endpoint)) {
            try {
                return new Resolution(plans.automatic(endpoints.credentials().all(endpoint), lifetime, lwm2m11), null, version);
            } catch (IllegalArgumentException e) {
                return new Resolution(null, note + ", no configuration is stored, and " + e.getMessage(), version);
            }
        }
        return new Resolution(null, "no bootstrap configuration for endpoint '" + endpoint + "': " + note
                + ", none is stored (PUT /api/v1/bootstrap/" + endpoint + "), and the endpoint is unknown", version);
    }

    private Optional<Reply> firstReply(Event event, String endpoint) {
        List<Trigger> matching = triggers.list().stream().filter(t -> TriggerFilter.matches(t, event)).toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        CompletableFuture<Reply> first = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(matching.size());
        for (Trigger t : matching) {
            runner.submit(t, event).whenComplete((outcome, error) -> {
                Reply r = usable(t, outcome, endpoint);
                if (r != null) {
                    first.complete(r);
                }
                if (pending.decrementAndGet() == 0) {
                    first.complete(null);
                }
            });
        }
        long timeout = settings.integer(Settings.BOOTSTRAP_REPLY_TIMEOUT_S);
        try {
            return Optional.ofNullable(first.get(timeout, TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.empty();
        }
    }

    /** A reply that parses; an unusable one is recorded against its trigger. Called on a trigger worker. */
    private Reply usable(Trigger trigger, RunOutcome outcome, String endpoint) {
        if (outcome == null || !outcome.replied() || outcome.reply() == null) {
            return null;
        }
        try {
            return new Reply(trigger, BootstrapReply.parse(outcome.reply()));
        } catch (IllegalArgumentException e) {
            runLog.failure(trigger, endpoint, "bootstrap reply refused: " + e.getMessage(), 0);
            return null;
        }
    }
}
