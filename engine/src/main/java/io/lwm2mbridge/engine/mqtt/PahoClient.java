package io.lwm2mbridge.engine.mqtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * What Paho's v3 and v5 clients do alike, written once: subscribing with the broker's per-filter answer,
 * unsubscribing, telling a lost connection from a refusal, and closing quietly. The two subclasses only adapt
 * Paho's two sets of types.
 */
abstract class PahoClient implements BrokerClient {

    /**
     * Paho's codes for "the connection is gone" (the same numbers in its v3 and v5 clients: connection lost, not
     * connected, disconnecting, closed, too many in flight), after which a publish is worth sending again.
     */
    private static final List<Integer> CONNECTION_CODES = List.of(32109, 32104, 32102, 32111, 32202);
    /** SUBACK answers from 0x80 up refuse the filter (3.1.1: 0x80 failure; 5: reason codes). */
    private static final int REFUSED = 0x80;

    /** Subscribes at the given QoS and waits; one answer per filter (granted QoS or reason code). */
    protected abstract int[] subscribeAndWait(String[] filters, int[] qos) throws Exception;

    protected abstract void unsubscribeAndWait(String[] filters) throws Exception;

    /** Paho's reason code of {@code error}, or -1 when it is not a Paho exception. */
    protected abstract int reasonCode(Throwable error);

    /** Whether a Paho client was made (connect was called at least once). */
    protected abstract boolean made();

    protected abstract void disconnectAndWait() throws Exception;

    protected abstract void closeForcibly() throws Exception;

    @Override
    public final Collection<String> subscribe(Collection<String> filters) throws BrokerRefusal {
        if (filters.isEmpty()) {
            return List.of();
        }
        String[] topics = filters.toArray(new String[0]);
        int[] qos = new int[topics.length];
        Arrays.fill(qos, 1);
        try {
            int[] answers = subscribeAndWait(topics, qos);
            List<String> refused = new ArrayList<>();
            for (int i = 0; answers != null && i < answers.length && i < topics.length; i++) {
                if (answers[i] >= REFUSED) {
                    refused.add(topics[i]);
                }
            }
            return refused;
        } catch (Exception e) {
            throw new BrokerRefusal("subscribe failed: " + e.getMessage(), e);
        }
    }

    @Override
    public final void unsubscribe(Collection<String> filters) throws BrokerRefusal {
        if (filters.isEmpty()) {
            return;
        }
        try {
            unsubscribeAndWait(filters.toArray(new String[0]));
        } catch (Exception e) {
            throw new BrokerRefusal("unsubscribe failed: " + e.getMessage(), e);
        }
    }

    /** Tells the publish's owner it failed, and whether because the connection went. */
    protected final void failed(Throwable error, Outcome outcome) {
        boolean lost = !connected() || CONNECTION_CODES.contains(reasonCode(error));
        outcome.failed(String.valueOf(error.getMessage()), lost);
    }

    @Override
    public final void close() {
        if (!made()) {
            return;
        }
        try {
            if (connected()) {
                disconnectAndWait();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        try {
            closeForcibly();
        } catch (Exception ignored) {
            // closing anyway
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
}
