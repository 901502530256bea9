package io.lwm2mbridge.engine.metrics;

import io.lwm2mbridge.engine.mqtt.MqttConnections;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Meters over the MQTT services' connections, tagged {@code service} with the service key: whether connected,
 * messages queued while they cannot be sent, published (acknowledged), received, shed from a full buffer, and
 * refused. A service's meters appear at the first scrape after it is created; a replaced service starts its
 * counters again (Prometheus reads that as a counter reset); a deleted one reads NaN.
 */
public final class MqttMeters {

    private final MeterRegistry registry;
    private final Consumer<Runnable> beforeScrape;
    private final Set<String> bound = ConcurrentHashMap.newKeySet();
    private volatile Map<String, MqttConnections.Figures> now = Map.of();

    MqttMeters(MeterRegistry registry, Consumer<Runnable> beforeScrape) {
        this.registry = registry;
        this.beforeScrape = beforeScrape;
    }

    public void bind(MqttConnections connections) {
        beforeScrape.accept(() -> {
            now = connections.figures().stream()
                    .collect(Collectors.toUnmodifiableMap(MqttConnections.Figures::service, f -> f));
            now.keySet().forEach(this::bindService);
        });
    }

    private void bindService(String key) {
        if (!bound.add(key)) {
            return;
        }
        Gauge.builder("lwm2m_bridge_mqtt_connected", this, m -> read(key, f -> f.connected() ? 1 : 0))
                .description("1 while the MQTT service is connected to its broker, else 0").tag("service", key)
                .strongReference(true).register(registry);
        Gauge.builder("lwm2m_bridge_mqtt_queued", this, m -> read(key, MqttConnections.Figures::queued))
                .description("messages kept for the MQTT service until they can be sent (mqtt_buffer_max bounds them)")
                .tag("service", key).strongReference(true).register(registry);
        counter("lwm2m_bridge_mqtt_published", key, MqttConnections.Figures::published,
                "messages the broker acknowledged (QoS 1/2) or that were written (QoS 0)");
        counter("lwm2m_bridge_mqtt_received", key, MqttConnections.Figures::received,
                "messages the broker delivered on the service's subscriptions");
        counter("lwm2m_bridge_mqtt_shed", key, MqttConnections.Figures::shed,
                "messages shed because the service's buffer was full while it could not send");
        counter("lwm2m_bridge_mqtt_failed", key, MqttConnections.Figures::failed,
                "messages the broker refused");
    }

    private void counter(String name, String key, ToDoubleFunction<MqttConnections.Figures> f, String description) {
        FunctionCounter.builder(name, this, m -> read(key, f)).description(description).tag("service", key)
                .register(registry);
    }

    private double read(String key, ToDoubleFunction<MqttConnections.Figures> f) {
        MqttConnections.Figures figures = now.get(key);
        return figures == null ? Double.NaN : f.applyAsDouble(figures);
    }
}
