package io.lwm2mbridge.engine.metrics;

import io.lwm2mbridge.engine.firmware.fota.FotaService;
import io.lwm2mbridge.engine.lwm2m.InboundShedding;
import io.lwm2mbridge.engine.lwm2m.RegistrationGate;
import io.lwm2mbridge.engine.security.HandshakeCounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.SendRequest;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.send.SendListener;

/**
 * The LwM2M side as metrics: registrations held and refused ({@link RegistrationGate}), notifications and
 * Sends received, notifications shed at the socket ({@link InboundShedding}), DTLS handshakes by result
 * ({@link HandshakeCounts}) and firmware jobs by state ({@link FotaService}). Read at scrape time, but for
 * notifications and Sends, which are counted as Leshan delivers them (one add on a protocol thread).
 */
public final class DeviceMeters {

    /** The states {@link FotaService#jobsByState()} reports, each a series even when no job is in it. */
    static final List<String> FIRMWARE_STATES =
            List.of("queued", "starting", "downloading", "downloaded", "updating", "succeeded", "failed");

    private final MeterRegistry registry;
    private final Consumer<Runnable> beforeScrape;
    private final Set<String> boundListeners = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Long> firmwareJobs = Map.of();

    DeviceMeters(MeterRegistry registry, Consumer<Runnable> beforeScrape) {
        this.registry = registry;
        this.beforeScrape = beforeScrape;
    }

    public void bind(RegistrationGate gate) {
        Gauge.builder("lwm2m_bridge_registrations_current", gate, RegistrationGate::current)
                .description("registrations held now").strongReference(true).register(registry);
        refused(gate, "full", RegistrationGate::refusedFull);
        refused(gate, "unprovisioned", RegistrationGate::refusedUnprovisioned);
        refused(gate, "parameters", RegistrationGate::refusedParameters);
    }

    private void refused(RegistrationGate gate, String reason, java.util.function.ToLongFunction<RegistrationGate> f) {
        FunctionCounter.builder("lwm2m_bridge_registrations_refused", gate, g -> f.applyAsLong(g))
                .description("Registers and Updates refused: full (max_registrations), unprovisioned"
                        + " (max_unprovisioned_endpoints), parameters (4.00)")
                .tag("reason", reason).register(registry);
    }

    public void bind(InboundShedding shedding) {
        FunctionCounter.builder("lwm2m_bridge_coap_notifications_shed", shedding, InboundShedding::notificationsShed)
                .description("notifications dropped at the CoAP socket under overload").register(registry);
        FunctionCounter.builder("lwm2m_bridge_coap_overload_spells", shedding, InboundShedding::overloadSpells)
                .description("times the CoAP socket started shedding notifications").register(registry);
        Gauge.builder("lwm2m_bridge_coap_overloaded", shedding, s -> s.overloaded() ? 1 : 0)
                .description("1 while notifications are shed at the CoAP socket").strongReference(true)
                .register(registry);
        Gauge.builder("lwm2m_bridge_coap_inbound_wait_seconds", shedding, s -> s.lastWaitNanos() / 1e9)
                .description("how long the latest sampled datagram waited for a protocol thread")
                .strongReference(true).register(registry);
    }

    /** Counts notifications and Sends as Leshan hands them over; call before the server starts. */
    public void listenTo(LeshanServer leshan) {
        Counter notifications = Counter.builder("lwm2m_bridge_notifications_received")
                .description("notifications received for observations (the first Observe response not included)")
                .register(registry);
        Counter sends = Counter.builder("lwm2m_bridge_sends_received")
                .description("Send requests received from devices").register(registry);
        leshan.getObservationService().addListener(new ObservationListener() {
            @Override
            public void newObservation(Observation observation, Registration registration) {
                // not a notification
            }

            @Override
            public void cancelled(Observation observation) {
                // not a notification
            }

            @Override
            public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
                notifications.increment();
            }

            @Override
            public void onResponse(CompositeObservation observation, Registration registration,
                    ObserveCompositeResponse response) {
                notifications.increment();
            }

            @Override
            public void onError(Observation observation, Registration registration, Exception error) {
                // not a notification
            }
        });
        leshan.getSendService().addListener(new SendListener() {
            @Override
            public void dataReceived(Registration registration, TimestampedLwM2mNodes data, SendRequest request) {
                sends.increment();
            }

            @Override
            public void onError(Registration registration, String errorMessage, Exception error) {
                // not received
            }
        });
    }

    /** DTLS handshakes of every listener, as listeners appear (the LwM2M and the bootstrap server). */
    public void bind(HandshakeCounts handshakes) {
        Runnable bindNew = () -> handshakes.all().forEach((listener, counts) -> {
            if (boundListeners.add(listener)) {
                handshake(listener, "completed", counts, HandshakeCounts.Listener::completed);
                handshake(listener, "refused", counts, HandshakeCounts.Listener::refused);
                handshake(listener, "failed", counts, HandshakeCounts.Listener::failed);
            }
        });
        bindNew.run();
        beforeScrape.accept(bindNew);
    }

    private void handshake(String listener, String result, HandshakeCounts.Listener counts,
            java.util.function.ToLongFunction<HandshakeCounts.Listener> f) {
        FunctionCounter.builder("lwm2m_bridge_dtls_handshakes", counts, c -> f.applyAsLong(c))
                .description("DTLS handshakes that ended, by listener and result (refused: a fatal alert such as a"
                        + " wrong key or a refused certificate; failed: a timeout or a peer gone)")
                .tags("listener", listener, "result", result).register(registry);
    }

    public void bind(FotaService fota) {
        for (String state : FIRMWARE_STATES) {
            Gauge.builder("lwm2m_bridge_firmware_jobs", this, m -> m.firmwareJobs.getOrDefault(state, 0L))
                    .description("firmware update jobs kept, by state (ended ones: the fota_jobs_kept newest)")
                    .tag("state", state).strongReference(true).register(registry);
        }
        beforeScrape.accept(() -> firmwareJobs = fota.jobsByState());
    }
}
