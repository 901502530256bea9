package io.lwm2mbridge.engine.metrics;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.PipelineSnapshot;
import io.lwm2mbridge.engine.events.PipelineStats;
import io.lwm2mbridge.engine.events.PipelineStats.Budget;
import io.lwm2mbridge.engine.events.PipelineStats.TriggerCounters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The event pipeline as metrics, read from {@link PipelineStats} at scrape time: events published and
 * shed per type, registrations among them, trigger runs per trigger and outcome with their run time,
 * runs shed and stopped over a budget, and the depth of the bus lanes and run queues. Trigger names
 * are operators' own, a bounded set; a trigger's meters appear at the first scrape after its first run.
 */
public final class PipelineMeters {

    private final MeterRegistry registry;
    private final Consumer<Runnable> beforeScrape;
    private final Set<String> boundTriggers = ConcurrentHashMap.newKeySet();
    /** The queues as read at the start of the current scrape. */
    private volatile List<PipelineSnapshot.Part> queues = List.of();

    PipelineMeters(MeterRegistry registry, Consumer<Runnable> beforeScrape) {
        this.registry = registry;
        this.beforeScrape = beforeScrape;
    }

    public void bind(PipelineStats stats) {
        for (EventType type : EventType.values()) {
            FunctionCounter.builder("lwm2m_bridge_events_published", stats, s -> s.published(type, false))
                    .description("events published to the bus, by type").tag("type", type.wireName())
                    .register(registry);
            FunctionCounter.builder("lwm2m_bridge_events_shed", stats, s -> s.published(type, true))
                    .description("events shed from a full bus lane before any trigger saw them, by type")
                    .tag("type", type.wireName()).register(registry);
        }
        eventCounter(stats, "lwm2m_bridge_registrations", EventType.LWM2M_REGISTER, "registrations (Register)");
        eventCounter(stats, "lwm2m_bridge_registration_updates", EventType.LWM2M_UPDATE, "registration updates");
        eventCounter(stats, "lwm2m_bridge_deregistrations", EventType.LWM2M_DEREGISTER,
                "registrations ended: De-register or expiry");

        for (String lane : new String[] {"control", "data"}) {
            queueGauge("lwm2m_bridge_event_queue_depth", "events", lane, "events waiting in a bus lane")
                    .tag("lane", lane).register(registry);
        }
        queueGauge("lwm2m_bridge_event_queue_bound", "events", "boundPerLane",
                "events one bus lane holds before it sheds its oldest (event_queue_max)").register(registry);
        queueGauge("lwm2m_bridge_trigger_runs_waiting", "runs", "waiting", "trigger runs waiting for a worker")
                .register(registry);
        queueGauge("lwm2m_bridge_trigger_runs_active", "runs", "active", "trigger runs holding a worker")
                .register(registry);
        queueGauge("lwm2m_bridge_trigger_workers", "runs", "workers", "workers trigger runs share").register(registry);
        queueGauge("lwm2m_bridge_trigger_queue_bound", "runs", "boundPerTrigger",
                "runs of one trigger that may wait before its oldest is shed (trigger_queue_max)").register(registry);

        beforeScrape.accept(() -> {
            queues = stats.queues();
            stats.triggers().forEach(this::bindTrigger);
        });
    }

    private void eventCounter(PipelineStats stats, String name, EventType type, String description) {
        FunctionCounter.builder(name, stats, s -> s.published(type, false)).description(description)
                .register(registry);
    }

    private Gauge.Builder<PipelineMeters> queueGauge(String name, String queue, String field, String description) {
        return Gauge.builder(name, this, m -> m.number(queue, field)).description(description)
                .strongReference(true);
    }

    /** A field of a queue's depth as read at the start of the scrape, or NaN when it is not there. */
    private double number(String queue, String field) {
        for (PipelineSnapshot.Part part : queues) {
            if (part.name().equals(queue) && part.view() instanceof Map<?, ?> depth
                    && depth.get(field) instanceof Number n) {
                return n.doubleValue();
            }
        }
        return Double.NaN;
    }

    private void bindTrigger(String name, TriggerCounters c) {
        if (!boundTriggers.add(name)) {
            return;
        }
        FunctionCounter.builder("lwm2m_bridge_trigger_runs", c, TriggerCounters::succeeded)
                .description("trigger runs that ended, by trigger and outcome").tags("trigger", name, "outcome", "ok")
                .register(registry);
        FunctionCounter.builder("lwm2m_bridge_trigger_runs", c, TriggerCounters::failed)
                .description("trigger runs that ended, by trigger and outcome")
                .tags("trigger", name, "outcome", "failed").register(registry);
        FunctionCounter.builder("lwm2m_bridge_trigger_runs_shed", c, TriggerCounters::shed)
                .description("trigger runs shed from a full queue before they started").tag("trigger", name)
                .register(registry);
        for (Budget b : Budget.values()) {
            FunctionCounter.builder("lwm2m_bridge_trigger_budget_failures", c, x -> x.overBudgetCount(b))
                    .description("trigger runs stopped for going over a budget")
                    .tags("trigger", name, "budget", b.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        FunctionTimer.builder("lwm2m_bridge_trigger_run", c, TriggerCounters::runs, TriggerCounters::runNanos,
                        TimeUnit.NANOSECONDS)
                .description("time trigger runs took, from the script's start to its end").tag("trigger", name)
                .register(registry);
    }
}
