package io.lwm2mbridge.engine.mqtt;

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
final class Mqtt3Client extends PahoClient {

    private static final int WINDOW = 1000;

    private MqttAsyncClient client;

    Mqtt3Client(MqttService service, Listener listener) {
        super(service, listener);
    }

    @Override
    protected void open() throws MqttException, java.security.GeneralSecurityException {
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
            MqttAsyncClient c = client;
            made(new Session(c::isConnected, (f, qos) -> answers(c.subscribe(f, qos)),
                    f -> c.unsubscribe(f).waitForCompletion(TIMEOUT_MS), none -> c.disconnect(1000).waitForCompletion(2000),
                    none -> c.close(true), e -> e instanceof MqttException m ? m.getReasonCode() : -1));
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
    }

    @Override
    public int inflightWindow() {
        return WINDOW;
    }

    @Override
    protected void send(OutboundMessage message, Outcome outcome) throws MqttException {
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
    }

    /** The broker's answer to a subscribe, one per filter: the granted QoS, or 0x80 for a refusal. */
    private static int[] answers(IMqttToken token) throws MqttException {
        token.waitForCompletion(TIMEOUT_MS);
        return token.getGrantedQos();
    }
}
