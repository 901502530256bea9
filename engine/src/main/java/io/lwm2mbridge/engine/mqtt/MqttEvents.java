package io.lwm2mbridge.engine.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.MqttMessageData;
import io.lwm2mbridge.engine.events.MqttResultData;
import io.lwm2mbridge.scripting.JsonBridge;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * The events MQTT brings to triggers: {@code mqtt-message} for every message a broker delivers on a topic the
 * {@code mqtt-message} triggers filter on, and {@code mqtt-result} when an asynchronous {@code mqtt.publish}
 * given a {@code context} ends. Both carry the service key and topic in their routing (what
 * {@code filterServiceId} and {@code filterTopic} match), not in {@code data}. Publishing only queues, so
 * every method is safe on the connections' threads and returns quickly.
 *
 * <p>A message's payload reaches scripts parsed when it is JSON, else as its text when it is UTF-8, else as
 * bytes (a {@code Uint8Array} in scripts, {@code {"__bytes__": "<hex>"}} in {@code GET /events}, as opaque
 * values are elsewhere). A payload over {@code event_data_max_bytes} is not parsed: it arrives as text (or
 * bytes), which the bus shortens visibly like any event data over the bound.
 *
 * @param dataMax what one event's data may hold ({@code event_data_max_bytes}); larger payloads are not parsed
 */
public record MqttEvents(EventBus bus, LongSupplier dataMax) {

    /** Strict: trailing text after a JSON value ("12 apples") makes the payload text, not the number 12. */
    private static final ObjectReader JSON = JsonBridge.mapper().readerFor(Object.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Publishes an {@code mqtt-message} event; the {@link MqttConnections#onMessage} listener. */
    public void message(InboundMessage m) {
        MqttMessageData data = new MqttMessageData(m.topic(), payloadValue(m.payload(), dataMax.getAsLong()), m.qos(),
                m.retain(), m.properties());
        bus.publish(EventType.MQTT_MESSAGE, null, data, Event.Routing.mqtt(m.serviceKey(), m.topic()));
    }

    /**
     * Publishes the {@code mqtt-result} of an asynchronous publish.
     *
     * @param error what went wrong, in words, or null when it succeeded
     */
    public void result(String serviceKey, String topic, String error, Object context) {
        bus.publish(EventType.MQTT_RESULT, null, new MqttResultData(topic, error, context), Event.Routing.mqtt(serviceKey, topic));
    }

    /**
     * A payload as scripts see it: the parsed JSON value, else the UTF-8 text, else the bytes. Payloads over
     * {@code max} bytes are not parsed (the bus would shorten the result anyway).
     */
    public static Object payloadValue(byte[] payload, long max) {
        if (payload == null || payload.length == 0) {
            return "";
        }
        String text = utf8(payload);
        if (text == null) {
            return payload;
        }
        if (payload.length <= max && looksLikeJson(text)) {
            try {
                return JSON.readValue(text);
            } catch (JsonProcessingException e) {
                return text;
            }
        }
        return text;
    }

    /** Whether the text may be JSON at all: saves building an exception for every plain-text payload. */
    private static boolean looksLikeJson(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return false;
        }
        char c = t.charAt(0);
        return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || t.equals("true")
                || t.equals("false") || t.equals("null");
    }

    /** The text of well-formed UTF-8, or null. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
