package io.lwm2mbridge.engine.metrics;

import io.lwm2mbridge.engine.lwm2m.RequestTiming;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.request.DownlinkRequest;

/**
 * Times every request to a device ({@code lwm2m_bridge_device_requests_seconds}) by operation (the
 * Leshan request type: {@code read}, {@code write_attributes}, {@code observe_composite}, ...) and result.
 * Both labels come from closed sets, never from the endpoint. Called on Leshan threads: once a pair was
 * seen, a request costs two map lookups and the timer's own recording.
 */
final class DeviceRequestTimers implements RequestTiming {

    static final String NAME = "lwm2m_bridge_device_requests";
    /** Histogram buckets: from a LAN round trip to a sleepy device behind NB-IoT, up to the longest timeout. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofSeconds(60)};

    private static final ClassValue<String> OPERATION = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return operationOf(type.getSimpleName());
        }
    };

    private final MeterRegistry registry;
    /** By operation, then result. */
    private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    DeviceRequestTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void ended(DownlinkRequest<?> request, String result, long nanos) {
        String operation = OPERATION.get(request.getClass());
        Map<String, Timer> byResult = timers.computeIfAbsent(operation, o -> new ConcurrentHashMap<>());
        Timer timer = byResult.get(result);
        if (timer == null) {
            timer = byResult.computeIfAbsent(result, r -> Timer.builder(NAME)
                    .description("requests to devices, by LwM2M operation and how they ended")
                    .tag("operation", operation)
                    .tag("result", r)
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
        }
        timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** {@code ReadCompositeRequest} → {@code read_composite}. */
    static String operationOf(String className) {
        String base = className.endsWith("Request") ? className.substring(0, className.length() - 7) : className;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < base.length(); i++) {
            char c = base.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                out.append('_');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.isEmpty() ? "other" : out.toString().toLowerCase(Locale.ROOT);
    }
}
