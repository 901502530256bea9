package io.lwm2mbridge.engine.mqtt.bridge;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.device.api.DeviceOperations;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.engine.mqtt.InboundMessage;
import io.lwm2mbridge.engine.mqtt.MqttConnections;
import io.lwm2mbridge.engine.mqtt.MqttPublisher;
import io.lwm2mbridge.engine.mqtt.OutboundMessage;
import io.lwm2mbridge.engine.mqtt.TopicFilter;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ready MQTT bridge: with {@code mqtt_bridge_service} set, device events go out through that service on
 * {@code <prefix>/<endpoint>/up/<event>} and requests on {@code <prefix>/<endpoint>/dn/<op>} are run as the REST
 * API runs them ({@link DeviceOperations}) and answered on {@code <prefix>/<endpoint>/up/resp}.
 *
 * <p>Threads: events arrive on the bus thread and are handed to {@link MqttPublisher#publish}, which only queues
 * them; a failed publish is counted and logged (at most every 10 s), never thrown. Requests arrive on the
 * connection's thread and are only checked against the bridge's topic there; reading and starting them happens
 * on the bridge's worker thread, one after another in the order they arrived (at most {@value #MAX_WAITING}
 * waiting: beyond, a request is dropped, counted and logged); a request does not wait for the answer to the one
 * before it. Answers are published from whichever thread ends the device call. At most
 * {@value #MAX_IN_PROGRESS} requests wait for devices at once; past that a request is answered 503.
 *
 * <p>Settings are re-read when they change: the bridge switches on or off, or moves to another service or prefix,
 * and the connections subscribe to match ({@link MqttConnections#interestChanged()}).
 */
public final class MqttBridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);

    /** The events the bridge publishes; the others (bootstrap, generic, cron, MQTT's own) stay inside. */
    static final Set<EventType> PUBLISHED = EnumSet.of(EventType.LWM2M_REGISTER, EventType.LWM2M_UPDATE,
            EventType.LWM2M_DEREGISTER, EventType.LWM2M_MISSING, EventType.LWM2M_DATA, EventType.LWM2M_RESULT,
            EventType.LWM2M_ERROR, EventType.LWM2M_FIRMWARE_UPDATE_STATUS, EventType.LWM2M_FIRMWARE_UPDATE_COMPLETE);
    /** Requests that may wait for a device at once. */
    static final int MAX_IN_PROGRESS = 1000;
    /** Requests that may wait for a worker thread; reading and starting one takes little time. */
    static final int MAX_WAITING = 10_000;
    private static final int QOS = 1;
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Where the bridge publishes and listens, read from the settings; null when it is off. */
    record Target(String service, BridgeTopics topics) {}

    private final Settings settings;
    private final MqttPublisher publisher;
    private final DeviceOperations operations;
    private final Runnable interestChanged;
    private final ThreadPoolExecutor workers;
    private final Consumer<Event> onEvent = this::onEvent;
    private volatile Target target;
    private volatile boolean closed;
    private Runnable detach = () -> { };

    private final AtomicLong published = new AtomicLong();
    private final AtomicLong publishFailed = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicLong lastPublishWarn = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong lastRequestWarn = new AtomicLong(Long.MIN_VALUE);

    /**
     * A bridge that is not yet fed events or messages; {@link #attach} wires one into a running server.
     *
     * @param interestChanged called when the topic filters the bridge wants change
     */
    MqttBridge(Settings settings, MqttPublisher publisher, DeviceOperations operations, Runnable interestChanged) {
        this.settings = settings;
        this.publisher = publisher;
        this.operations = operations;
        this.interestChanged = interestChanged;
        // one thread: requests are started in the order they arrive (a held write before the read after it)
        this.workers = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(MAX_WAITING),
                r -> {
                    Thread t = new Thread(r, "mqtt-bridge");
                    t.setDaemon(true);
                    return t;
                });
        this.target = read(settings);
    }

    /**
     * Builds the bridge and wires it: subscribed to the bus, an interest and a message listener on {@code mqtt},
     * a settings listener. Reads the settings now; the connections read the interest when they start.
     */
    public static MqttBridge attach(EventBus bus, Settings settings, MqttConnections mqtt, DeviceOperations operations) {
        MqttBridge bridge = new MqttBridge(settings, mqtt, operations, mqtt::interestChanged);
        mqtt.addInterest(bridge::topicFilters);
        mqtt.onMessage(bridge::onMessage);
        settings.addListener(s -> bridge.settingsChanged());
        bus.subscribe(bridge.onEvent);
        bridge.detach = () -> bus.unsubscribe(bridge.onEvent);
        return bridge;
    }

    /** The bridge's settings as they are now; null when {@code mqtt_bridge_service} is empty. */
    static Target read(Settings settings) {
        String service = settings.string(Settings.MQTT_BRIDGE_SERVICE).trim();
        if (service.isEmpty()) {
            return null;
        }
        return new Target(service, new BridgeTopics(settings.string(Settings.MQTT_BRIDGE_PREFIX)));
    }

    /** Re-reads the settings; tells the connections when the request topic or its service changed. */
    synchronized void settingsChanged() {
        if (closed) {
            return;
        }
        Target now = read(settings);
        Target before = target;
        target = now;
        if (!Objects.equals(before, now)) {
            LOG.info("MQTT bridge {}", now == null ? "off" : "on service '" + now.service() + "', topics "
                    + now.topics().prefix() + "/<endpoint>/...");
            interestChanged.run();
        }
    }

    /** The {@link TopicInterest}: the request filter on the bridge's service, nothing elsewhere or when off. */
    Set<String> topicFilters(String serviceKey) {
        Target t = target;
        if (closed || t == null || !t.service().equals(serviceKey)) {
            return Set.of();
        }
        return Set.of(t.topics().requestFilter());
    }

    /** On the bus thread: publishes an event about an endpoint when the bridge is on. */
    void onEvent(Event event) {
        Target t = target;
        if (closed || t == null || event.endpoint() == null || !PUBLISHED.contains(event.type())) {
            return;
        }
        String kind = event.type().wireName().substring("lwm2m-".length());
        publish(t, t.topics().up(event.endpoint().key(), kind), EventJson.text(event).getBytes(StandardCharsets.UTF_8));
    }

    /** On the connection's thread: hands a request on the bridge's topic to a worker. */
    void onMessage(InboundMessage message) {
        Target t = target;
        if (closed || t == null || !t.service().equals(message.serviceKey())
                || !TopicFilter.matches(t.topics().requestFilter(), message.topic())) {
            return;
        }
        requests.incrementAndGet();
        if (message.retain()) {
            // a retained request would run again at every reconnect and every new subscription
            ignored.incrementAndGet();
            warnRequest("MQTT bridge ignored a retained request on {} (publish requests without retain)", message.topic());
            return;
        }
        try {
            workers.execute(() -> handle(t, message));
        } catch (RejectedExecutionException e) {
            dropped.incrementAndGet();
            warnRequest("MQTT bridge dropped a request on {}: {} requests wait to be read", message.topic(),
                    MAX_WAITING);
        }
    }

    /** On a worker: reads the request, starts the operation and publishes its answer when it ends. */
    private void handle(Target t, InboundMessage message) {
        Optional<BridgeTopics.Request> topic = t.topics().parse(message.topic());
        if (topic.isEmpty()) {
            ignored.incrementAndGet();
            warnRequest("MQTT bridge cannot read the endpoint of request topic {} (percent-encode '%', '/', '+', '#')",
                    message.topic());
            return;
        }
        String endpoint = topic.get().endpoint();
        String op = topic.get().op();
        switch (BridgeMessages.parse(message.payload())) {
            case BridgeMessages.Refused refused -> answer(t, endpoint, refused.reqId(), op,
                    DeviceOperations.Answer.error(refused.status(), refused.error(), null));
            case BridgeMessages.Request request -> {
                if (inProgress.incrementAndGet() > MAX_IN_PROGRESS) {
                    inProgress.decrementAndGet();
                    answer(t, endpoint, request.reqId(), op, DeviceOperations.Answer.error(503,
                            "the MQTT bridge has " + MAX_IN_PROGRESS + " requests in progress; try again later", null));
                    return;
                }
                CompletableFuture<DeviceOperations.Answer> result;
                try {
                    result = operations.run(endpoint, op, request.body());
                } catch (RuntimeException e) {
                    LOG.warn("MQTT bridge request {} on {} failed", op, message.topic(), e);
                    result = CompletableFuture.completedFuture(DeviceOperations.Answer.error(500,
                            "the request failed inside the server: " + e, null));
                }
                result.whenComplete((answer, error) -> {
                    inProgress.decrementAndGet();
                    answer(t, endpoint, request.reqId(), op, answer != null ? answer
                            : DeviceOperations.Answer.error(500, "the request failed inside the server: " + error, null));
                });
            }
        }
    }

    private void answer(Target t, String endpoint, Object reqId, String op, DeviceOperations.Answer answer) {
        answered.incrementAndGet();
        publish(t, t.topics().response(endpoint), BridgeMessages.answer(reqId, op, answer));
    }

    private void publish(Target t, String topic, byte[] payload) {
        CompletableFuture<Void> sent;
        try {
            sent = publisher.publish(t.service(), new OutboundMessage(topic, payload, QOS, false));
        } catch (RuntimeException e) {
            publishFailed(t, topic, e);
            return;
        }
        sent.whenComplete((ok, error) -> {
            if (error == null) {
                published.incrementAndGet();
            } else {
                publishFailed(t, topic, error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error);
            }
        });
    }

    private void publishFailed(Target t, String topic, Throwable error) {
        long count = publishFailed.incrementAndGet();
        if (claimWarning(lastPublishWarn)) {
            LOG.warn("MQTT bridge could not publish to {} through service '{}': {} ({} failed since start)", topic,
                    t.service(), error.getMessage(), count);
        }
    }

    private void warnRequest(String format, Object... args) {
        if (claimWarning(lastRequestWarn)) {
            LOG.warn(format, args);
        }
    }

    private static boolean claimWarning(AtomicLong last) {
        long now = System.nanoTime();
        long before = last.get();
        return (before == Long.MIN_VALUE || now - before >= WARN_EVERY_NANOS) && last.compareAndSet(before, now);
    }

    /** What {@code GET /api/v1/stats} shows under {@code mqttBridge}. */
    public Map<String, Object> snapshot() {
        Target t = target;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("on", t != null);
        m.put("service", t == null ? null : t.service());
        m.put("prefix", t == null ? null : t.topics().prefix());
        m.put("published", published.get());
        m.put("publishFailed", publishFailed.get());
        m.put("requests", requests.get());
        m.put("answered", answered.get());
        m.put("inProgress", inProgress.get());
        m.put("ignored", ignored.get());
        m.put("dropped", dropped.get());
        return m;
    }

    /** Stops taking events and requests; answers to requests under way are still published while the connection lasts. */
    @Override
    public void close() {
        closed = true;
        detach.run();
        workers.shutdown();
    }
}
