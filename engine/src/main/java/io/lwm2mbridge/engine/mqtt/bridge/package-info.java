/**
 * The ready MQTT bridge, no script needed: device events published to {@code <prefix>/<ep>/up/<event>}, device
 * requests taken from {@code <prefix>/<ep>/dn/<op>} and run through the same device operations as the REST API,
 * answers on {@code up/resp}. It sits above both the broker connections ({@code mqtt}) and the device calls
 * ({@code device}); nothing below it depends on it.
 */
package io.lwm2mbridge.engine.mqtt.bridge;
