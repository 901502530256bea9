package io.lwm2mbridge.engine.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;

/** MQTT 5 through Paho's v5 client. */
final class Mqtt5Client extends PahoClient {

    private MqttAsyncClient client;
    private volatile int window = 65_535;

    Mqtt5Client(MqttService service, Listener listener) {
        super(service, listener);
    }

    @Override
    protected void open() throws MqttException, java.security.GeneralSecurityException {
        if (client == null) {
            client = new MqttAsyncClient(service.serverUri(), service.clientId(), new MemoryPersistence());
            client.setCallback(new Callback());
            MqttAsyncClient c = client;
            made(new Session(c::isConnected, (f, qos) -> answers(c.subscribe(f, qos)),
                    f -> c.unsubscribe(f).waitForCompletion(TIMEOUT_MS), none -> c.disconnect(1000).waitForCompletion(2000),
                    none -> c.close(true), e -> e instanceof MqttException m ? m.getReasonCode() : -1));
        }
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(service.cleanStart());
        // a session the broker keeps while we are away, so QoS 1 subscriptions do not lose messages then
        options.setSessionExpiryInterval(service.cleanStart() ? 0L : 3600L);
        options.setKeepAliveInterval(service.keepAliveSeconds());
        options.setConnectionTimeout((int) (TIMEOUT_MS / 1000));
        options.setAutomaticReconnect(false);
        options.setReceiveMaximum(1000);
        if (service.username() != null) {
            options.setUserName(service.username());
        }
        if (service.password() != null) {
            options.setPassword(service.password().getBytes(StandardCharsets.UTF_8));
        }
        if (service.tls()) {
            options.setSocketFactory(TlsContexts.socketFactory(service));
            options.setHttpsHostnameVerificationEnabled(true);
        }
        IMqttToken token = client.connect(options);
        token.waitForCompletion(TIMEOUT_MS);
        MqttProperties answer = token.getResponseProperties();
        window = answer != null && answer.getReceiveMaximum() != null ? answer.getReceiveMaximum() : 65_535;
    }

    @Override
    public int inflightWindow() {
        return window;
    }

    @Override
    protected void send(OutboundMessage message, Outcome outcome) throws MqttException {
        MqttMessage m = new MqttMessage(message.payload(), message.qos(), message.retain(), null);
        client.publish(message.topic(), m, null, new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    outcome.failed("the broker refused the message (reason code 0x"
                            + Integer.toHexString(codes[0]) + ")", false);
                } else {
                    outcome.acknowledged();
                }
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                failed(error, outcome);
            }
        });
    }

    private final class Callback implements MqttCallback {
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String why = response.getException() != null
                    ? words(response.getException().getMessage(), response.getException().getReasonCode(),
                            response.getException().getCause())
                    : "the broker disconnected (reason code 0x" + Integer.toHexString(response.getReturnCode()) + ")"
                            + (response.getReasonString() == null ? "" : ": " + response.getReasonString());
            listener.lost(why);
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            listener.lost("MQTT error: " + exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            listener.message(new InboundMessage(service.key(), topic, message.getPayload(), message.getQos(),
                    message.isRetained(), properties(message.getProperties())));
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // each publish has its own listener
        }

        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            // connect() waits for its token
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    private static Map<String, Object> properties(MqttProperties p) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (p == null) {
            return out;
        }
        if (p.getContentType() != null) {
            out.put("contentType", p.getContentType());
        }
        if (p.getResponseTopic() != null) {
            out.put("responseTopic", p.getResponseTopic());
        }
        if (p.getCorrelationData() != null) {
            out.put("correlationData", new String(p.getCorrelationData(), StandardCharsets.UTF_8));
        }
        if (p.getMessageExpiryInterval() != null) {
            out.put("messageExpiryInterval", p.getMessageExpiryInterval());
        }
        if (p.getUserProperties() != null && !p.getUserProperties().isEmpty()) {
            Map<String, Object> user = new LinkedHashMap<>();
            for (UserProperty u : p.getUserProperties()) {
                user.put(u.getKey(), u.getValue());
            }
            out.put("userProperties", user);
        }
        return out;
    }

    /** The broker's answer to a subscribe, one per filter: the MQTT 5 reason codes. */
    private static int[] answers(IMqttToken token) throws MqttException {
        token.waitForCompletion(TIMEOUT_MS);
        return token.getReasonCodes();
    }
}
