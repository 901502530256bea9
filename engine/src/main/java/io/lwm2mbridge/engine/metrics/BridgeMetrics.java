package io.lwm2mbridge.engine.metrics;

import io.lwm2mbridge.engine.lwm2m.RequestTiming;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The registry behind {@code GET /metrics}. The server's own figures are read from the counters its
 * parts already keep, when Prometheus scrapes ({@link PipelineMeters}, {@link DeviceMeters}); only device
 * requests are timed as they end ({@link #requestTiming()}). The JVM's figures come from Micrometer's
 * binders under their usual {@code jvm_}/{@code process_} names. Parts are bound once, while the server
 * starts; {@link #scrape()} may be called from any thread.
 */
public final class BridgeMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DeviceRequestTimers requests = new DeviceRequestTimers(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    /** Run before each scrape: meters for parts that appeared since (a new trigger), snapshots of queues. */
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

    public BridgeMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Where {@code DeviceRequests} and FOTA report each request's outcome and latency. */
    public RequestTiming requestTiming() {
        return requests;
    }

    /** Meters over the event pipeline's counters (events, trigger runs, queues). */
    public PipelineMeters pipeline() {
        return new PipelineMeters(registry, beforeScrape::add);
    }

    /** Meters over the LwM2M side: registrations, notifications, inbound shedding, DTLS, firmware jobs. */
    public DeviceMeters devices() {
        return new DeviceMeters(registry, beforeScrape::add);
    }

    /** Meters over the MQTT services' broker connections. */
    public MqttMeters mqtt() {
        return new MqttMeters(registry, beforeScrape::add);
    }

    /** Everything, in the Prometheus text format (version 0.0.4). */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
