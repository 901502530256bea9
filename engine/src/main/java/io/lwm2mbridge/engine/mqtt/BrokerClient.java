package io.lwm2mbridge.engine.mqtt;

import java.util.Collection;

/**
 * One MQTT client connection, hiding which protocol version (and which Paho client) speaks it. Connects and
 * subscribes block the calling thread up to {@link #TIMEOUT_MS}; publishes never block.
 */
interface BrokerClient extends AutoCloseable {

    long TIMEOUT_MS = 10_000;

    /** What the client tells its owner, on the client's own threads. */
    interface Listener {
        void lost(String why);

        void message(InboundMessage message);
    }

    /** How one publish ended. */
    interface Outcome {
        void acknowledged();

        /** @param connectionLost the connection went before the broker answered: worth sending again */
        void failed(String why, boolean connectionLost);
    }

    /** @throws BrokerRefusal with the broker's or the network's words */
    void connect() throws BrokerRefusal;

    /** How many QoS 1/2 publishes the broker takes at once (its Receive Maximum over MQTT 5). */
    int inflightWindow();

    void publish(OutboundMessage message, Outcome outcome);

    /** Subscribes at QoS 1; returns the filters the broker refused. */
    Collection<String> subscribe(Collection<String> filters) throws BrokerRefusal;

    void unsubscribe(Collection<String> filters) throws BrokerRefusal;

    boolean connected();

    @Override
    void close();

    /** A failed connect, subscribe or unsubscribe, in words for the service's {@code lastError}. */
    final class BrokerRefusal extends Exception {
        BrokerRefusal(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static BrokerClient of(MqttService service, Listener listener) {
        return MqttService.V311.equals(service.protocolVersion()) ? new Mqtt3Client(service, listener)
                : new Mqtt5Client(service, listener);
    }
}
