package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.mqtt.MqttEvents;
import io.lwm2mbridge.engine.mqtt.MqttException;
import io.lwm2mbridge.engine.mqtt.MqttPublisher;
import io.lwm2mbridge.engine.mqtt.OutboundMessage;
import io.lwm2mbridge.engine.mqtt.TopicFilter;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.TriggerRun;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.JsonBridge;
import io.lwm2mbridge.scripting.ScriptRun;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The {@code mqtt} host object: {@code publish(serviceKey, topic, payload, opts)} through an MQTT service
 * ({@code /api/v1/services}, {@code type: "mqtt"}). An object, array, number or boolean is sent as JSON, a
 * string as UTF-8, bytes ({@code Uint8Array}, {@code convert.hexToBin}) as they are, nothing as an empty
 * payload. Options: {@code qos} (0, 1, 2; default 1), {@code retain}, {@code async}, {@code context};
 * others are ignored. Wrong arguments throw ({@code TypeError}, {@code RangeError}) and nothing is sent.
 *
 * <ul>
 * <li>Synchronous (the default): returns nothing once the broker acknowledged the message (QoS 1, 2) or it
 *     was written (QoS 0); throws when the service is unknown, disconnected with its buffer full, refused the
 *     message, or did not answer within {@code mqtt_publish_timeout_s}. The wait does not count against the CPU
 *     budget.</li>
 * <li>{@code async: true} with a {@code context}: returns at once; an {@code mqtt-result} event with
 *     {@code topic}, {@code success}, {@code error} and the context follows when the publish ends.</li>
 * <li>{@code async: true} without a context: fire and forget; a failure is written to the run log at level
 *     {@code error} against the calling trigger, so it is seen in {@code GET /logs} and the console.</li>
 * </ul>
 * While a service is disconnected its messages are kept (up to {@code mqtt_buffer_max}) and sent when it
 * reconnects, so a synchronous publish then waits up to the timeout and an asynchronous one ends later.
 *
 * @param status a service's connection state ({@code MqttConnections.status}), read to word a timeout
 * @param contextMax what a {@code context} may hold ({@code event_data_max_bytes})
 * @param timeout how long a synchronous publish waits ({@code mqtt_publish_timeout_s})
 */
public record MqttFunctions(MqttPublisher publisher, Function<String, Optional<Map<String, Object>>> status,
        MqttEvents events, RunLog runLog, LongSupplier contextMax, Supplier<Duration> timeout) {

    public void register(HostApi.Builder api) {
        api.add("mqtt.publish", this::publish);
    }

    /** A publish as the script asked for it, checked. */
    record Request(String serviceKey, OutboundMessage message, boolean async, boolean hasContext, Object context) {}

    private Object publish(ScriptRun run, List<Object> list) throws HostCallException {
        Args args = Args.of("mqtt.publish", list);
        Request request = request(args);
        if (request.hasContext()) {
            ValueBounds.check(args.function(), "the context", request.context(), contextMax.getAsLong(),
                    "event_data_max_bytes");
        }
        String key = request.serviceKey();
        String topic = request.message().topic();
        CompletableFuture<Void> sent;
        try {
            sent = publisher.publish(key, request.message());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        if (request.async()) {
            if (request.hasContext()) {
                sent.whenComplete((ok, error) -> events.result(key, topic, error == null ? null : words(key, error),
                        request.context()));
            } else {
                TriggerRun caller = run.attachment() instanceof TriggerRun tr ? tr : null;
                sent.whenComplete((ok, error) -> {
                    if (error != null && caller != null) {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("service", key);
                        data.put("topic", topic);
                        runLog.log("error", caller.trigger(), caller.endpointKey(),
                                "mqtt.publish (async) failed: " + words(key, error), data);
                    }
                });
            }
            return null;
        }
        Duration wait = timeout.get();
        CompletableFuture<Object> outcome = sent.copy().orTimeout(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((ok, error) -> {
                    if (error != null) {
                        throw new CompletionException(new HostCallException(unwrap(error) instanceof TimeoutException
                                ? timedOut(key, wait) : words(key, error)));
                    }
                    return null;
                });
        // the future times itself out first; this bound only guards against one that never completes
        return run.await(outcome, wait.plusSeconds(5), timedOut(key, wait));
    }

    /**
     * Checks the arguments as {@code mqtt.publish} takes them, without sending anything; also what a dry run
     * ({@link DryRunGate}) answers with, so a trial throws what the real call would.
     */
    static Request request(Args args) throws HostCallException {
        String key = args.string(0, "the MQTT service key");
        Object rawTopic = args.get(1);
        if (!(rawTopic instanceof String topic)) {
            throw args.type("the topic must be a string, not " + Args.describe(rawTopic));
        }
        String problem = TopicFilter.topicNameProblem(topic);
        if (problem != null) {
            throw args.type(problem);
        }
        byte[] payload = encode(args, args.get(2));
        Object rawOptions = args.get(3);
        if (rawOptions != null && !(rawOptions instanceof Map<?, ?>)) {
            throw args.type("the options must be an object ({qos, retain, async, context}), not "
                    + Args.describe(rawOptions));
        }
        Map<String, Object> options = args.optionalObject(3, "the options");
        int qos = qos(args, options.get("qos"));
        boolean retain = flag(args, options, "retain");
        boolean async = flag(args, options, "async");
        Object context = options.get("context");
        return new Request(key, new OutboundMessage(topic, payload, qos, retain), async, context != null, context);
    }

    /** Strings as UTF-8, bytes as they are, nothing as nothing, any other value as JSON. */
    private static byte[] encode(Args args, Object payload) throws HostCallException {
        if (payload == null) {
            return new byte[0];
        }
        if (payload instanceof String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
        if (payload instanceof byte[] b) {
            return b;
        }
        if (payload instanceof Map<?, ?> || payload instanceof List<?> || payload instanceof Number
                || payload instanceof Boolean) {
            return JsonBridge.toJson(payload).getBytes(StandardCharsets.UTF_8);
        }
        throw args.type("the payload must be an object, an array, a string, a number, a boolean or bytes, not "
                + Args.describe(payload));
    }

    private static int qos(Args args, Object v) throws HostCallException {
        if (v == null) {
            return 1;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Double.isInfinite(n.doubleValue())) {
            throw args.type("qos must be 0, 1 or 2, not " + Args.describe(v));
        }
        if (n.doubleValue() < 0 || n.doubleValue() > 2) {
            throw args.range("qos must be 0, 1 or 2, not " + JsonText.of(v));
        }
        return n.intValue();
    }

    private static boolean flag(Args args, Map<String, Object> options, String name) throws HostCallException {
        Object v = options.get(name);
        if (v == null) {
            return false;
        }
        if (!(v instanceof Boolean b)) {
            throw args.type(name + " must be true or false, not " + Args.describe(v));
        }
        return b;
    }

    /** Why a publish failed, in the words a script's author reads. */
    private static String words(String key, Throwable error) {
        Throwable cause = unwrap(error);
        if (cause instanceof MqttException e) {
            return "mqtt.publish: " + switch (e.reason()) {
                case UNKNOWN_SERVICE -> "no MQTT service '" + key + "' (define it under /api/v1/services)";
                case SHED -> "service '" + key + "' is disconnected and its buffer is full (mqtt_buffer_max): the"
                        + " message was dropped" + detail(e);
                case REFUSED -> "the broker of service '" + key + "' refused the message" + detail(e);
            };
        }
        return "mqtt.publish: " + (cause.getMessage() != null ? cause.getMessage() : cause.toString());
    }

    private static String detail(MqttException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? "" : " (" + e.getMessage() + ")";
    }

    /** A synchronous publish that was not answered in time: whether it waits for a connection, and that it stays. */
    private String timedOut(String key, Duration wait) {
        String state = status.apply(key).map(s -> s.get("state")).map(String::valueOf).orElse(null);
        String bound = wait.toSeconds() + " s (mqtt_publish_timeout_s)";
        if (state != null && !"connected".equals(state)) {
            return "mqtt.publish: service '" + key + "' is " + state + " and did not reconnect within " + bound
                    + "; the message stays queued and is sent when it reconnects, unless the buffer (mqtt_buffer_max)"
                    + " sheds it";
        }
        return "mqtt.publish: the broker of service '" + key + "' did not acknowledge the message within " + bound
                + "; it may still be delivered";
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
