package io.lwm2mbridge.engine.mqtt;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker connection per MQTT service. Connects every service at {@link #start()}, reconnects a lost
 * connection with backoff (1 s doubling to 60 s), follows service changes (replace reconnects and hands the
 * queued messages over, delete closes and fails them), keeps what is published while disconnected up to
 * {@code mqtt_buffer_max} per service, and subscribes each connection to the topic filters its
 * {@link TopicInterest}s want. Messages that arrive go to every {@link #onMessage} listener, on the connection's
 * thread: listeners hand work off quickly. What is queued lives in memory only: a server stop loses it.
 */
public final class MqttConnections implements MqttPublisher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnections.class);

    private final MqttServices services;
    private final LongSupplier bufferMax;
    private final Clock clock;
    private final Map<String, BrokerConnection> connections = new ConcurrentHashMap<>();
    private final List<TopicInterest> interests = new CopyOnWriteArrayList<>();
    private final List<Consumer<InboundMessage>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor executor;
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param services the stored MQTT services (their changes reconnect)
     * @param bufferMax messages kept per service while it is disconnected ({@code mqtt_buffer_max})
     */
    public MqttConnections(MqttServices services, LongSupplier bufferMax) {
        this(services, bufferMax, Clock.systemUTC());
    }

    MqttConnections(MqttServices services, LongSupplier bufferMax, Clock clock) {
        this.services = services;
        this.bufferMax = bufferMax;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        // connects and subscribes block for up to 10 s each: a few threads, so one dead broker does not hold the rest
        this.executor = new ScheduledThreadPoolExecutor(4, r -> {
            Thread t = new Thread(r, "mqtt-connect-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        // at close: finish closing replaced connections, drop pending reconnects
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        services.onChange(this::serviceChanged);
    }

    /** Connects every stored service; from here on service changes are followed. */
    public void start() {
        started = true;
        for (String key : services.keys()) {
            serviceChanged(key);
        }
    }

    @Override
    public CompletableFuture<Void> publish(String serviceKey, OutboundMessage message) {
        BrokerConnection c = connections.get(serviceKey);
        if (c == null) {
            return CompletableFuture.failedFuture(new MqttException(MqttException.Reason.UNKNOWN_SERVICE,
                    "no MQTT service '" + serviceKey + "' (define it under /api/v1/services with type \"mqtt\")"));
        }
        return c.publish(message);
    }

    /** Adds an interest; call {@link #interestChanged()} (or it is read at start). */
    public void addInterest(TopicInterest interest) {
        interests.add(interest);
    }

    /** Re-reads every interest and subscribes or unsubscribes each connected service to match. */
    public void interestChanged() {
        connections.values().forEach(BrokerConnection::resubscribe);
    }

    /** Called with every message a broker delivers, on the connection's thread. */
    public void onMessage(Consumer<InboundMessage> listener) {
        listeners.add(listener);
    }

    /**
     * The connection's state as {@code GET /services/{key}} shows it under {@code status}: {@code state}
     * (connecting, connected, disconnected), {@code connectedSince}, {@code lastError}, {@code lastErrorAt},
     * {@code subscriptions}, {@code queued}, {@code inflight}, {@code published}, {@code received}, {@code shed},
     * {@code failed}.
     */
    public Optional<Map<String, Object>> status(String serviceKey) {
        BrokerConnection c = connections.get(serviceKey);
        return c == null ? Optional.empty() : Optional.of(c.status());
    }

    /** Whether service {@code key} is connected now. */
    public boolean connected(String serviceKey) {
        BrokerConnection c = connections.get(serviceKey);
        return c != null && c.connected();
    }

    /** The figures {@code /metrics} shows for each service. */
    public record Figures(String service, boolean connected, int queued, long published, long received, long shed,
            long failed) {}

    public List<Figures> figures() {
        return connections.values().stream().map(c -> new Figures(c.service().key(), c.connected(), c.queued(),
                c.published(), c.received(), c.shed(), c.failed())).toList();
    }

    private Set<String> wanted(String serviceKey) {
        Set<String> all = new LinkedHashSet<>();
        for (TopicInterest interest : interests) {
            try {
                all.addAll(interest.topicFilters(serviceKey));
            } catch (RuntimeException e) {
                LOG.warn("topic interest failed for MQTT service '{}'", serviceKey, e);
            }
        }
        // one subscription where interests overlap (a trigger on lwm2m/# beside the bridge's lwm2m/+/dn/+): two
        // would bring each message twice; every listener picks the topics it wants itself
        return TopicFilter.withoutCovered(all);
    }

    private void deliver(InboundMessage message) {
        for (Consumer<InboundMessage> l : listeners) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("MQTT message listener failed on {} from '{}'", message.topic(), message.serviceKey(), e);
            }
        }
    }

    private synchronized void serviceChanged(String key) {
        if (!started || closed) {
            return;
        }
        Optional<MqttService> now = services.get(key);
        BrokerConnection old = connections.remove(key);
        BrokerConnection next = null;
        if (now.isPresent()) {
            next = new BrokerConnection(now.get(), executor, bufferMax, () -> wanted(key), this::deliver, clock);
            connections.put(key, next);
        }
        if (old != null) {
            BrokerConnection handOver = next;
            // closing waits for the old client's disconnect: not on the API's thread
            executor.execute(() -> old.close(handOver));
        }
        if (next != null) {
            next.open();
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        connections.values().forEach(c -> c.close(null));
        connections.clear();
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
