package io.lwm2mbridge.engine.scheduling;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.endpoints.MissingEndpoint;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.MissingData;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fires {@code lwm2m-missing} (data: {@code lastSeen}) for each endpoint not heard from for its time
 * before declared missing, once per silence. {@link #check()} runs on the {@link Heartbeat} thread.
 */
public final class MissingEndpoints {

    private final Endpoints endpoints;
    private final EventBus bus;
    private final Clock clock;
    private final Supplier<Duration> defaultLimit;

    /** @param defaultLimit the {@code time_before_missing_s} setting; zero: never */
    public MissingEndpoints(Endpoints endpoints, EventBus bus, Clock clock, Supplier<Duration> defaultLimit) {
        this.endpoints = endpoints;
        this.bus = bus;
        this.clock = clock;
        this.defaultLimit = defaultLimit;
    }

    /** Declares the endpoints that went silent since the last check; returns how many. */
    public int check() {
        List<MissingEndpoint> missing = endpoints.presence().declareMissing(clock.instant(), defaultLimit.get());
        for (MissingEndpoint m : missing) {
            bus.publish(EventType.LWM2M_MISSING, endpoints.records().ref(m.key()), new MissingData(m.lastSeen()));
        }
        return missing.size();
    }
}
