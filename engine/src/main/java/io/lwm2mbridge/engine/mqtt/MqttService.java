package io.lwm2mbridge.engine.mqtt;

import java.net.URI;

/**
 * A broker connection as stored ({@code /api/v1/services}, {@code type: "mqtt"}), secrets included.
 *
 * @param key the name scripts, triggers ({@code filterServiceId}) and the bridge setting use
 * @param uri {@code mqtt://host:port} (1883 when not written) or {@code mqtts://host:port} (8883)
 * @param clientId the client identifier sent to the broker; unique per broker
 * @param username null for none
 * @param password a secret; null for none
 * @param keepAliveSeconds MQTT keep-alive interval
 * @param cleanStart start without the session the broker may hold for this client id
 * @param protocolVersion {@code "5"} or {@code "3.1.1"}
 * @param caCertificate PEM of the CA(s) trusted for mqtts, or null for the JDK's trust store
 * @param clientCertificate PEM certificate chain presented over mqtts, or null
 * @param clientKey PEM private key (PKCS#8) of the client certificate; a secret; or null
 */
public record MqttService(String key, URI uri, String clientId, String username, String password,
        int keepAliveSeconds, boolean cleanStart, String protocolVersion, String caCertificate,
        String clientCertificate, String clientKey) {

    public static final String V5 = "5";
    public static final String V311 = "3.1.1";

    public boolean tls() {
        return "mqtts".equalsIgnoreCase(uri.getScheme());
    }

    /** The address Paho connects to: {@code tcp://} or {@code ssl://} with the port filled in. */
    public String serverUri() {
        int port = uri.getPort() >= 0 ? uri.getPort() : tls() ? 8883 : 1883;
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]"
                : uri.getHost();
        return (tls() ? "ssl://" : "tcp://") + host + ":" + port;
    }

    @Override
    public String toString() {
        return "MqttService[" + key + " " + uri + " as " + clientId + "]";
    }
}
