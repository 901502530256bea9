package io.lwm2mbridge.engine.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A plain MQTT 3.1.1 client for tests, standing for "another system on the broker": subscribes, collects what
 * arrives, publishes requests.
 */
public final class MqttTestClient implements AutoCloseable {

    /** A message as the test client received it: its payload as UTF-8 text and as the bytes sent. */
    public record Received(String topic, String payload, byte[] bytes, int qos, boolean retained) {}

    private final MqttClient client;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private MqttTestClient(Mosquitto broker, String username, String password, String sessionId) throws MqttException {
        client = new MqttClient("tcp://127.0.0.1:" + broker.port(), sessionId == null ? "test-" + System.nanoTime()
                : sessionId, new MemoryPersistence());
        // one callback for every subscription, also those a resumed session brings back
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                // tests see what arrived
            }

            @Override
            public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
                received.add(new Received(topic, new String(message.getPayload(), StandardCharsets.UTF_8),
                        message.getPayload(), message.getQos(), message.isRetained()));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                // nothing to do
            }
        });
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(sessionId == null);
        options.setMaxInflight(10_000);
        if (username != null) {
            options.setUserName(username);
            options.setPassword(password.toCharArray());
        }
        client.connect(options);
    }

    public static MqttTestClient connect(Mosquitto broker) {
        return connect(broker, null, null);
    }

    /**
     * A client whose session the broker keeps under {@code sessionId} (clean session false): what arrives for its
     * subscriptions while it is away, or while the broker restarts, is delivered when it connects again with the
     * same id.
     */
    public static MqttTestClient resume(Mosquitto broker, String sessionId) {
        try {
            return new MqttTestClient(broker, null, null, sessionId);
        } catch (MqttException e) {
            throw new AssertionError("test client could not connect: " + e, e);
        }
    }

    public static MqttTestClient connect(Mosquitto broker, String username, String password) {
        try {
            return new MqttTestClient(broker, username, password, null);
        } catch (MqttException e) {
            throw new AssertionError("test client could not connect: " + e, e);
        }
    }

    /** Subscribes at QoS 1 and waits for the broker's SUBACK. */
    public MqttTestClient subscribe(String filter) {
        return subscribe(filter, 1);
    }

    /** Subscribes at {@code qos} (what the broker delivers at most) and waits for the broker's SUBACK. */
    public MqttTestClient subscribe(String filter, int qos) {
        try {
            client.subscribe(filter, qos);
        } catch (MqttException e) {
            throw new AssertionError("subscribe " + filter + ": " + e, e);
        }
        return this;
    }

    public void publish(String topic, String payload, int qos) {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
    }

    public void publish(String topic, byte[] payload, int qos) {
        try {
            client.publish(topic, payload, qos, false);
        } catch (MqttException e) {
            throw new AssertionError("publish " + topic + ": " + e, e);
        }
    }

    /** The next message on any topic, or fails after {@code wait}. */
    public Received next(Duration wait) {
        return next("#", wait);
    }

    /** The next message on a topic matching {@code filter}, skipping others, or fails after {@code wait}. */
    public Received next(String filter, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Received r = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (r == null) {
                    throw new AssertionError("nothing on " + filter + " within " + wait);
                }
                if (io.lwm2mbridge.engine.mqtt.TopicFilter.matches(filter, r.topic())) {
                    return r;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Everything received so far and not yet taken. */
    public BlockingQueue<Received> received() {
        return received;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close();
        } catch (MqttException ignored) {
            // closing a test client
        }
    }
}
