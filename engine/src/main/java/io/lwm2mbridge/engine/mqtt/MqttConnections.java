package io.lwm2mbridge.engine.mqtt;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One broker connection per MQTT service. Connects every service at {@link #start()}, reconnects a lost
 * connection with backoff (1 s doubling to 60 s), follows service changes (replace reconnects, delete closes),
 * keeps what is published while disconnected up to {@code mqtt_buffer_max} per service, and subscribes each
 * connection to the topic filters its {@link TopicInterest}s want. Messages that arrive go to every
 * {@link #onMessage} listener, on the connection's thread: listeners hand work off quickly.
 */
public final class MqttConnections implements MqttPublisher, AutoCloseable {

    /**
     * @param services the stored MQTT services (their changes reconnect)
     * @param bufferMax messages kept per service while it is disconnected ({@code mqtt_buffer_max})
     */
    public MqttConnections(MqttServices services, java.util.function.LongSupplier bufferMax) {
    }

    /** Connects every stored service; from here on service changes are followed. */
    public void start() {
    }

    @Override
    public CompletableFuture<Void> publish(String serviceKey, OutboundMessage message) {
        throw new UnsupportedOperationException("being written");
    }

    /** Adds an interest; call {@link #interestChanged()} (or it is read at start). */
    public void addInterest(TopicInterest interest) {
        throw new UnsupportedOperationException("being written");
    }

    /** Re-reads every interest and subscribes or unsubscribes each connected service to match. */
    public void interestChanged() {
        throw new UnsupportedOperationException("being written");
    }

    /** Called with every message a broker delivers, on the connection's thread. */
    public void onMessage(Consumer<InboundMessage> listener) {
        throw new UnsupportedOperationException("being written");
    }

    /**
     * The connection's state as {@code GET /services/{key}} shows it under {@code status}: {@code state}
     * (connected, connecting, disconnected), {@code lastError}, {@code connectedSince}, {@code subscriptions},
     * {@code queued}, {@code published}, {@code received}, {@code shed}.
     */
    public Optional<Map<String, Object>> status(String serviceKey) {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
    }
}
