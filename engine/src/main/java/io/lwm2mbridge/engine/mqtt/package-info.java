/**
 * MQTT: broker connections configured as services ({@code type: "mqtt"} under {@code /api/v1/services}),
 * {@code mqtt.publish} for scripts, and {@code mqtt-message} triggers (the ready bridge is in
 * {@code mqtt.bridge}). One {@link io.lwm2mbridge.engine.mqtt.MqttConnections} holds a
 * connection per service, reconnects it with backoff and keeps what is published while it is down, up to a bound.
 */
package io.lwm2mbridge.engine.mqtt;
