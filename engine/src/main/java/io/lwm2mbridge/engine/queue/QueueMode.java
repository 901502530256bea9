package io.lwm2mbridge.engine.queue;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.ErrorData;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.ResultData;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.device.CallRequest;
import io.lwm2mbridge.engine.device.DeviceCalls;
import io.lwm2mbridge.engine.device.DeviceQueue;
import io.lwm2mbridge.engine.device.PendingCall;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.queue.PresenceListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queue mode: asynchronous calls to a sleeping device are held in a stored per-endpoint queue
 * ({@link HeldCalls}) and made again, one after another in the order they were made, when the device
 * next wakes (registers, updates, or Leshan hears from it); the caller gets an {@code lwm2m-result}
 * with {@code intermediate: true} at once. A synchronous call to a sleeping device is refused at once
 * as {@link DeviceQueue#SLEEPING}, since its script would otherwise wait for a device that may sleep
 * for hours.
 *
 * <p>A device is <b>asleep</b> when it registered with queue mode (binding {@code UQ}) and Leshan's
 * presence service says it is not awake (nothing heard from it for {@code queue_awake_time_s}, or a
 * request to it went unanswered), or, with {@code force_queue_mode} on, when any device has not
 * registered or updated within the last {@code queue_awake_time_s}. Listener methods run on Leshan's
 * protocol threads and only hand work to the one draining thread, which sends held calls.
 */
public final class QueueMode implements DeviceQueue, PresenceListener, RegistrationListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueMode.class);

    /** How a device was heard from. */
    public enum Wake {
        /** A new registration: what was bound to the old one (observations) is gone. */
        REGISTERED,
        /** A registration update. */
        UPDATED,
        /** Any other uplink that makes Leshan's presence service call the device awake. */
        HEARD
    }

    /** Told when a device may have woken; called on Leshan's protocol threads, so it must return at once. */
    @FunctionalInterface
    public interface WakeListener {
        void woke(Registration registration, Wake how);
    }

    private final LeshanServer server;
    private final Settings settings;
    private final HeldCalls held;
    private final EventBus bus;
    private final Endpoints endpoints;
    private final DeviceCalls calls;
    private final Clock clock;
    /** When each endpoint last registered or updated, for {@code force_queue_mode}. */
    private final Map<String, Instant> heard = new ConcurrentHashMap<>();
    /** Endpoints whose queue is being sent; read and written on the draining thread only. */
    private final Set<String> draining = new HashSet<>();
    private final List<WakeListener> wakeListeners = new CopyOnWriteArrayList<>();
    private final ExecutorService drainer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "queue-mode");
        t.setDaemon(true);
        return t;
    });

    public QueueMode(LeshanServer server, Settings settings, KeyValueStore store, Runnable commit, EventBus bus,
            Endpoints endpoints, DeviceCalls calls, Clock clock) {
        this.server = server;
        this.settings = settings;
        this.held = new HeldCalls(store, commit, calls.parser());
        this.bus = bus;
        this.endpoints = endpoints;
        this.calls = calls;
        this.clock = clock;
    }

    /** Hooks into Leshan and the device calls; call before the LwM2M server starts. */
    public QueueMode attach() {
        server.getRegistrationService().addListener(this);
        if (server.getPresenceService() != null) {
            server.getPresenceService().addListener(this);
        }
        calls.holdWhileAsleep(this);
        return this;
    }

    /**
     * Adds a listener told each time a device is heard from, the same signal that sends its held calls,
     * so that other waits for a sleeping device (a firmware update's next step) end on it too.
     */
    public void onWake(WakeListener listener) {
        wakeListeners.add(listener);
    }

    /** Whether the endpoint is registered and asleep, as the class comment defines it. */
    public boolean asleep(String endpoint) {
        Registration reg = server.getRegistrationService().getByEndpoint(endpoint);
        return reg != null && asleep(reg);
    }

    /** The calls held for the endpoint, oldest first. */
    public List<CallRequest> heldFor(String endpoint) {
        return held.of(endpoint);
    }

    /**
     * What {@code GET /api/v1/endpoints/{key}/queue} shows: whether the device uses queue mode and is
     * asleep now, and the calls held for it (function, arguments, source, paths, context, heldAt).
     */
    public QueueState state(String endpoint) {
        Registration reg = server.getRegistrationService().getByEndpoint(endpoint);
        return new QueueState(endpoint, reg != null,
                reg != null && (reg.usesQueueMode() || settings.bool(Settings.FORCE_QUEUE_MODE)),
                reg != null && asleep(reg), held.storedOf(endpoint));
    }

    private boolean asleep(Registration reg) {
        if (reg.usesQueueMode()) {
            return !server.getPresenceService().isClientAwake(reg);
        }
        if (!settings.bool(Settings.FORCE_QUEUE_MODE)) {
            return false;
        }
        Instant last = heard.get(reg.getEndpoint());
        return last == null
                || !clock.instant().isBefore(last.plus(Duration.ofSeconds(settings.integer(Settings.QUEUE_AWAKE_TIME_S))));
    }

    @Override
    public Decision decide(String endpoint, boolean async) {
        Registration reg = endpoint == null ? null : server.getRegistrationService().getByEndpoint(endpoint);
        if (reg == null) {
            return Decision.SEND; // ends as "not registered", as without queue mode
        }
        if (asleep(reg)) {
            return async ? Decision.HOLD : Decision.REFUSE;
        }
        // awake, but older calls still wait: an asynchronous call goes behind them to keep the order
        return async && held.has(endpoint) ? Decision.HOLD : Decision.SEND;
    }

    @Override
    public void hold(CallRequest call) {
        held.append(call, clock.instant());
        if (call.options().hasContext()) {
            bus.publish(EventType.LWM2M_RESULT, endpoints.records().ref(call.endpoint()), new ResultData(call.operation().source(),
                    String.join(",", call.operation().pathNames()), true, null, true, null, null, call.options().context()));
        }
        Registration reg = server.getRegistrationService().getByEndpoint(call.endpoint());
        if (reg != null && !asleep(reg)) {
            wake(call.endpoint(), false);
        }
    }

    /** Starts sending the endpoint's held calls unless that is already under way. */
    private void wake(String endpoint, boolean justHeard) {
        try {
            drainer.execute(() -> {
                if (draining.add(endpoint)) {
                    next(endpoint, justHeard);
                }
            });
        } catch (RejectedExecutionException e) {
            // stopping: the calls stay stored for the next start
        }
    }

    /** On the draining thread: sends the oldest held call, and the next once it has ended. */
    private void next(String endpoint, boolean justHeard) {
        Registration reg = server.getRegistrationService().getByEndpoint(endpoint);
        HeldCalls.Stored head = reg == null ? null : held.first(endpoint);
        // a device that just spoke is awake even if Leshan has not noted it yet; later, only Leshan can tell
        if (head == null || (!justHeard && reg.usesQueueMode() && asleep(reg))) {
            draining.remove(endpoint);
            return;
        }
        held.remove(head.key());
        PendingCall pending;
        try {
            CallRequest call = held.call(head);
            pending = calls.send(call.operation(), call.options());
        } catch (HostCallException | RuntimeException e) {
            LOG.warn("held call lwm2m.{} to {} could not be made again", head.value().get("function"), endpoint, e);
            failed(head, e.getMessage());
            next(endpoint, false);
            return;
        }
        pending.settled().whenComplete((v, error) -> {
            try {
                drainer.execute(() -> next(endpoint, false));
            } catch (RejectedExecutionException e) {
                // stopping: what is left stays stored
            }
        });
    }

    private void failed(HeldCalls.Stored call, String message) {
        bus.publish(EventType.LWM2M_ERROR, endpoints.records().ref(call.endpoint()),
                new ErrorData(call.source(), call.path(), message, null, call.context()));
        if (call.hasContext()) {
            bus.publish(EventType.LWM2M_RESULT, endpoints.records().ref(call.endpoint()),
                    new ResultData(call.source(), call.path(), false, message, false, null, null, call.context()));
        }
    }

    // PresenceListener and RegistrationListener: called by Leshan on protocol threads

    @Override
    public void onAwake(Registration registration) {
        wakeListeners.forEach(l -> l.woke(registration, Wake.HEARD));
        wake(registration.getEndpoint(), true);
    }

    @Override
    public void onSleeping(Registration registration) {
        // held calls wait for the next wake
    }

    @Override
    public void registered(Registration registration, Registration previous, Collection<Observation> observations) {
        heard.put(registration.getEndpoint(), clock.instant());
        wakeListeners.forEach(l -> l.woke(registration, Wake.REGISTERED));
        wake(registration.getEndpoint(), true);
    }

    @Override
    public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
        heard.put(updated.getEndpoint(), clock.instant());
        wakeListeners.forEach(l -> l.woke(updated, Wake.UPDATED));
        wake(updated.getEndpoint(), true);
    }

    @Override
    public void unregistered(Registration registration, Collection<Observation> observations, boolean expired,
            Registration newRegistration) {
        if (newRegistration == null) {
            heard.remove(registration.getEndpoint());
        }
    }

    /** Stops sending; calls not yet sent stay stored for the next start. */
    @Override
    public void close() {
        drainer.shutdown();
        try {
            drainer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
