/**
 * MQTT: broker connections configured as services ({@code type: "mqtt"} under {@code /api/v1/services}),
 * {@code mqtt.publish} for scripts, {@code mqtt-message} triggers, and the ready bridge that publishes device
 * events and answers device requests on topics. One {@link io.lwm2mbridge.engine.mqtt.MqttConnections} holds a
 * connection per service, reconnects it with backoff and keeps what is published while it is down, up to a bound.
 */
package io.lwm2mbridge.engine.mqtt;
