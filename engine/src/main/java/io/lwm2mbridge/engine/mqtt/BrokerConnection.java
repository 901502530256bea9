package io.lwm2mbridge.engine.mqtt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of one MQTT service: connects on the shared executor, reconnects after a loss with backoff (1 s
 * doubling to 60 s, from the start after each success), keeps publishes in a bounded queue while it cannot send
 * them (disconnected, or the broker's in-flight window is full) and sends them in order once it can. A publish
 * that was in flight when the connection went is queued again at the front: delivery is at least once.
 *
 * <p>Connect, subscribe and close run on the executor, serialised by {@link #io}; the queue and counters are
 * guarded by {@code this}; Paho calls back on its own threads, which only take {@code this}.
 */
final class BrokerConnection {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnection.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofSeconds(60);

    enum State { CONNECTING, CONNECTED, DISCONNECTED, CLOSED }

    /** A message waiting to be sent; {@code seq} keeps the order also when a message in flight comes back. */
    private record Pending(long seq, OutboundMessage message, CompletableFuture<Void> done) {}

    private final MqttService service;
    private final ScheduledExecutorService executor;
    private final LongSupplier bufferMax;
    private final Supplier<Set<String>> wantedFilters;
    private final Consumer<InboundMessage> inbound;
    private final Clock clock;
    private final BrokerClient client;
    private final Object io = new Object();
    /** Held while taking the next message and handing it to Paho, so messages leave in their order. */
    private final Object sending = new Object();

    /** What waits to be sent, oldest (lowest seq) first. */
    private final NavigableMap<Long, Pending> queue = new TreeMap<>();
    private long nextSeq;
    private int inflight;
    /** QoS 1/2 messages sent and not yet acknowledged that the broker takes; lowered when it says too many. */
    private int window = 1;
    private State state = State.DISCONNECTED;
    private String lastError;
    private Instant lastErrorAt;
    private Instant connectedSince;
    private int failedAttempts;
    private ScheduledFuture<?> retry;
    private Set<String> subscribed = new LinkedHashSet<>();
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    BrokerConnection(MqttService service, ScheduledExecutorService executor, LongSupplier bufferMax,
            Supplier<Set<String>> wantedFilters, Consumer<InboundMessage> inbound, Clock clock) {
        this.service = service;
        this.executor = executor;
        this.bufferMax = bufferMax;
        this.wantedFilters = wantedFilters;
        this.inbound = inbound;
        this.clock = clock;
        this.client = BrokerClient.of(service, new BrokerClient.Listener() {
            @Override
            public void lost(String why) {
                connectionLost(why);
            }

            @Override
            public void message(InboundMessage message) {
                received.incrementAndGet();
                inbound.accept(message);
            }
        });
    }

    MqttService service() {
        return service;
    }

    /** Starts connecting on the executor. */
    void open() {
        schedule(Duration.ZERO);
    }

    CompletableFuture<Void> publish(OutboundMessage message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Pending dropped = null;
        synchronized (this) {
            if (state == State.CLOSED) {
                done.completeExceptionally(new MqttException(MqttException.Reason.SHED,
                        "MQTT service '" + service.key() + "' was removed or the server is stopping"));
                return done;
            }
            long max = bufferMax.getAsLong();
            boolean canSend = state == State.CONNECTED && inflight < window && queue.isEmpty();
            if (!canSend && queue.size() >= max) {
                if (max == 0) {
                    shed.incrementAndGet();
                    done.completeExceptionally(shedError(max));
                    return done;
                }
                dropped = queue.pollFirstEntry().getValue();
                shed.incrementAndGet();
            }
            queue.put(nextSeq, new Pending(nextSeq, message, done));
            nextSeq++;
        }
        if (dropped != null) {
            dropped.done().completeExceptionally(shedError(bufferMax.getAsLong()));
        }
        drain();
        return done;
    }

    private MqttException shedError(long max) {
        return new MqttException(MqttException.Reason.SHED, "MQTT service '" + service.key() + "' "
                + (state == State.CONNECTED ? "is behind" : "is disconnected (" + lastError + ")")
                + " and its buffer of " + max + " messages (mqtt_buffer_max) is full: the oldest message was shed");
    }

    /**
     * Sends queued messages, oldest first, while connected and the in-flight window has room. Paho's publish does
     * not block, so it is called under {@link #sending} (which keeps the order) but never under {@code this}.
     */
    private void drain() {
        synchronized (sending) {
            while (true) {
                Pending next;
                synchronized (this) {
                    if (state != State.CONNECTED || queue.isEmpty() || inflight >= window) {
                        return;
                    }
                    next = queue.pollFirstEntry().getValue();
                    if (next.message().qos() > 0) {
                        inflight++;
                    }
                }
                send(next);
            }
        }
    }

    private void send(Pending p) {
        boolean counted = p.message().qos() > 0;
        client.publish(p.message(), new BrokerClient.Outcome() {
            @Override
            public void acknowledged() {
                synchronized (BrokerConnection.this) {
                    if (counted) {
                        inflight--;
                    }
                    window = Math.min(client.inflightWindow(), window + 1);
                }
                published.incrementAndGet();
                p.done().complete(null);
                drain();
            }

            @Override
            public void failed(String why, boolean connectionLost) {
                boolean again;
                synchronized (BrokerConnection.this) {
                    if (counted) {
                        inflight--;
                    }
                    again = connectionLost && state != State.CLOSED;
                    if (again) {
                        // in flight when the connection went, or more than the broker takes at once: back in line
                        // at its place, sent again when there is room
                        queue.put(p.seq(), p);
                        if (client.connected()) {
                            window = Math.max(1, inflight);
                        }
                    }
                }
                if (!again) {
                    BrokerConnection.this.failed.incrementAndGet();
                    p.done().completeExceptionally(new MqttException(MqttException.Reason.REFUSED,
                            "MQTT service '" + service.key() + "': " + why));
                }
                drain();
            }
        });
    }

    private void schedule(Duration delay) {
        synchronized (this) {
            if (state == State.CLOSED || retry != null && !retry.isDone()) {
                return;
            }
            retry = executor.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void connect() {
        synchronized (io) {
            synchronized (this) {
                // this attempt is under way: a failure below may schedule the next one
                retry = null;
                if (state == State.CLOSED || state == State.CONNECTED) {
                    return;
                }
                state = State.CONNECTING;
            }
            try {
                client.connect();
                Set<String> wanted = wantedFilters.get();
                List<String> refused = new ArrayList<>(client.subscribe(wanted));
                synchronized (this) {
                    if (state == State.CLOSED) {
                        return;
                    }
                    state = State.CONNECTED;
                    window = client.inflightWindow();
                    connectedSince = clock.instant();
                    failedAttempts = 0;
                    subscribed = new LinkedHashSet<>(wanted);
                    subscribed.removeAll(refused);
                    if (!refused.isEmpty()) {
                        error("the broker refused the subscription to " + refused);
                    }
                }
                LOG.info("MQTT service '{}' connected to {}", service.key(), service.uri());
            } catch (BrokerClient.BrokerRefusal e) {
                Duration wait;
                synchronized (this) {
                    if (state == State.CLOSED) {
                        return;
                    }
                    state = State.DISCONNECTED;
                    error(e.getMessage());
                    wait = backoff(failedAttempts++);
                }
                LOG.warn("MQTT service '{}' could not connect to {}: {}; trying again in {} s", service.key(),
                        service.uri(), e.getMessage(), wait.toSeconds());
                schedule(wait);
                return;
            }
        }
        drain();
    }

    static Duration backoff(int failedAttempts) {
        long seconds = FIRST_RETRY.toSeconds() << Math.min(failedAttempts, 10);
        return Duration.ofSeconds(Math.min(seconds, LAST_RETRY.toSeconds()));
    }

    private void connectionLost(String why) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.DISCONNECTED;
            connectedSince = null;
            error("connection lost: " + why);
        }
        LOG.warn("MQTT service '{}' lost its connection to {}: {}", service.key(), service.uri(), why);
        schedule(FIRST_RETRY);
    }

    private void error(String why) {
        lastError = why;
        lastErrorAt = clock.instant();
    }

    /** Subscribes to filters wanted now and not yet, unsubscribes from those no longer wanted. */
    void resubscribe() {
        executor.execute(() -> {
            synchronized (io) {
                Set<String> wanted = wantedFilters.get();
                Set<String> add;
                Set<String> remove;
                synchronized (this) {
                    if (state != State.CONNECTED) {
                        return; // the next connect subscribes to what is wanted then
                    }
                    add = new LinkedHashSet<>(wanted);
                    add.removeAll(subscribed);
                    remove = new LinkedHashSet<>(subscribed);
                    remove.removeAll(wanted);
                }
                try {
                    client.unsubscribe(remove);
                    List<String> refused = new ArrayList<>(client.subscribe(add));
                    synchronized (this) {
                        subscribed.removeAll(remove);
                        subscribed.addAll(add);
                        subscribed.removeAll(refused);
                        if (!refused.isEmpty()) {
                            error("the broker refused the subscription to " + refused);
                        }
                    }
                } catch (BrokerClient.BrokerRefusal e) {
                    synchronized (this) {
                        error(e.getMessage());
                    }
                }
            }
        });
    }

    /**
     * Stops for good. {@code handOver} gets the messages still queued (a replaced service sends them through its
     * new connection); null fails them.
     */
    void close(BrokerConnection handOver) {
        List<Pending> left;
        synchronized (this) {
            state = State.CLOSED;
            if (retry != null) {
                retry.cancel(false);
            }
            left = new ArrayList<>(queue.values());
            queue.clear();
        }
        synchronized (io) {
            client.close();
        }
        for (Pending p : left) {
            if (handOver != null) {
                handOver.publish(p.message()).whenComplete((v, e) -> {
                    if (e == null) {
                        p.done().complete(null);
                    } else {
                        p.done().completeExceptionally(e);
                    }
                });
            } else {
                p.done().completeExceptionally(new MqttException(MqttException.Reason.SHED,
                        "MQTT service '" + service.key() + "' was removed or the server is stopping"));
            }
        }
    }

    synchronized boolean connected() {
        return state == State.CONNECTED;
    }

    /** Counters for metrics: published, received, shed, failed, queued. */
    long published() {
        return published.get();
    }

    long received() {
        return received.get();
    }

    long shed() {
        return shed.get();
    }

    long failed() {
        return failed.get();
    }

    synchronized int queued() {
        return queue.size();
    }

    synchronized Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        s.put("connectedSince", connectedSince == null ? null : connectedSince.toString());
        s.put("lastError", lastError);
        s.put("lastErrorAt", lastErrorAt == null ? null : lastErrorAt.toString());
        s.put("subscriptions", List.copyOf(subscribed));
        s.put("queued", queue.size());
        s.put("inflight", inflight);
        s.put("published", published.get());
        s.put("received", received.get());
        s.put("shed", shed.get());
        s.put("failed", failed.get());
        return s;
    }
}
