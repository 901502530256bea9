package io.lwm2mbridge.engine.mqtt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** MQTT 3.1.1 through Paho's v3 client. */
final class Mqtt3Client implements BrokerClient {

    private static final int WINDOW = 1000;
    private static final List<Integer> CONNECTION_CODES = List.of((int) MqttException.REASON_CODE_CONNECTION_LOST,
            (int) MqttException.REASON_CODE_CLIENT_NOT_CONNECTED, (int) MqttException.REASON_CODE_CLIENT_DISCONNECTING,
            (int) MqttException.REASON_CODE_CLIENT_CLOSED, (int) MqttException.REASON_CODE_MAX_INFLIGHT);

    private final MqttService service;
    private final Listener listener;
    private MqttAsyncClient client;

    Mqtt3Client(MqttService service, Listener listener) {
        this.service = service;
        this.listener = listener;
    }

    @Override
    public void connect() throws BrokerRefusal {
        try {
            if (client == null) {
                client = new MqttAsyncClient(service.serverUri(), service.clientId(), new MemoryPersistence());
                client.setCallback(new MqttCallback() {
                    @Override
                    public void connectionLost(Throwable cause) {
                        listener.lost(cause instanceof MqttException e ? words(e.getMessage(), e.getReasonCode(), e.getCause())
                                : "connection lost: " + cause);
                    }

                    @Override
                    public void messageArrived(String topic, MqttMessage message) {
                        listener.message(new InboundMessage(service.key(), topic, message.getPayload(), message.getQos(),
                                message.isRetained(), Map.of()));
                    }

                    @Override
                    public void deliveryComplete(IMqttDeliveryToken token) {
                        // each publish has its own listener
                    }
                });
            }
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setCleanSession(service.cleanStart());
            options.setKeepAliveInterval(service.keepAliveSeconds());
            options.setConnectionTimeout((int) (TIMEOUT_MS / 1000));
            options.setAutomaticReconnect(false);
            options.setMaxInflight(WINDOW);
            if (service.username() != null) {
                options.setUserName(service.username());
            }
            if (service.password() != null) {
                options.setPassword(service.password().toCharArray());
            }
            if (service.tls()) {
                options.setSocketFactory(TlsContexts.socketFactory(service));
                options.setHttpsHostnameVerificationEnabled(true);
            }
            client.connect(options).waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            throw new BrokerRefusal(words(e.getMessage(), e.getReasonCode(), e.getCause()), e);
        } catch (java.security.GeneralSecurityException e) {
            throw new BrokerRefusal("TLS setup failed: " + e.getMessage(), e);
        }
    }

    /** Paho's words, its code, and the network's cause when there is one ("Connection refused"). */
    static String words(String message, int code, Throwable cause) {
        String text = message == null || message.isBlank() ? "MQTT error" : message;
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text += ": " + cause.getMessage();
        }
        return text + " (" + code + ")";
    }

    @Override
    public int inflightWindow() {
        return WINDOW;
    }

    @Override
    public void publish(OutboundMessage message, Outcome outcome) {
        try {
            client.publish(message.topic(), message.payload(), message.qos(), message.retain(), null,
                    new IMqttActionListener() {
                        @Override
                        public void onSuccess(IMqttToken token) {
                            outcome.acknowledged();
                        }

                        @Override
                        public void onFailure(IMqttToken token, Throwable error) {
                            failed(error, outcome);
                        }
                    });
        } catch (MqttException e) {
            failed(e, outcome);
        }
    }

    private void failed(Throwable error, Outcome outcome) {
        boolean lost = !connected() || error instanceof MqttException e && CONNECTION_CODES.contains(e.getReasonCode());
        outcome.failed(String.valueOf(error.getMessage()), lost);
    }

    @Override
    public Collection<String> subscribe(Collection<String> filters) throws BrokerRefusal {
        if (filters.isEmpty()) {
            return List.of();
        }
        String[] topics = filters.toArray(new String[0]);
        int[] qos = new int[topics.length];
        java.util.Arrays.fill(qos, 1);
        try {
            IMqttToken token = client.subscribe(topics, qos);
            token.waitForCompletion(TIMEOUT_MS);
            int[] granted = token.getGrantedQos();
            List<String> refused = new ArrayList<>();
            for (int i = 0; granted != null && i < granted.length && i < topics.length; i++) {
                if (granted[i] >= 0x80) {
                    refused.add(topics[i]);
                }
            }
            return refused;
        } catch (MqttException e) {
            throw new BrokerRefusal("subscribe failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void unsubscribe(Collection<String> filters) throws BrokerRefusal {
        if (filters.isEmpty()) {
            return;
        }
        try {
            client.unsubscribe(filters.toArray(new String[0])).waitForCompletion(TIMEOUT_MS);
        } catch (MqttException e) {
            throw new BrokerRefusal("unsubscribe failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean connected() {
        return client != null && client.isConnected();
    }

    @Override
    public void close() {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException ignored) {
            // closing anyway
        }
    }
}
