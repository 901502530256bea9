package io.lwm2mbridge.engine.mqtt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;

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

    /** The broker connection's definition: where, who, how. */
    protected final MqttService service;
    /** Told when the connection is lost and when messages arrive. */
    protected final Listener listener;

    protected PahoClient(MqttService service, Listener listener) {
        this.service = service;
        this.listener = listener;
    }

    /** Hands the request to Paho, which answers {@code outcome} later; a Paho refusal may be thrown at once. */
    protected abstract void send(OutboundMessage message, Outcome outcome) throws Exception;

    /** The Paho client's calls once {@code connect} made it; null before. */
    private volatile Session session;

    /** Called by {@code connect} when it made its Paho client. */
    protected final void made(Session session) {
        this.session = session;
    }

    private Session session() {
        return session;
    }

    /** Makes the Paho client on first use ({@link #made}) and connects it, waiting for the broker's answer. */
    protected abstract void open() throws Exception;

    @Override
    public final void connect() throws BrokerRefusal {
        try {
            open();
        } catch (java.security.GeneralSecurityException e) {
            throw new BrokerRefusal("TLS setup failed: " + e.getMessage(), e);
        } catch (Exception e) {
            Session s = session();
            throw new BrokerRefusal(words(e.getMessage(), s == null ? -1 : s.reasonCode().applyAsInt(e), e.getCause()), e);
        }
    }

    @Override
    public final void publish(OutboundMessage message, Outcome outcome) {
        try {
            send(message, outcome);
        } catch (Exception e) {
            failed(e, outcome);
        }
    }

    /**
     * The calls of a made Paho client that its v3 and v5 clients name alike on unrelated types, so that what
     * uses them is written once here.
     */
    protected record Session(BooleanSupplier connected, Subscribe subscribe, PahoCall<String[]> unsubscribe,
            PahoCall<Void> disconnect, PahoCall<Void> closeForcibly, ToIntFunction<Throwable> reasonCode) {
        boolean isConnected() {
            return connected.getAsBoolean();
        }
    }

    /** Subscribes at the given QoS and waits; one answer per filter (granted QoS or reason code). */
    @FunctionalInterface
    protected interface Subscribe {
        int[] andWait(String[] filters, int[] qos) throws Exception;
    }

    /** One call on a Paho client, which throws Paho's own checked exception. */
    @FunctionalInterface
    protected interface PahoCall<T> {
        void run(T argument) throws Exception;
    }

    @Override
    public final boolean connected() {
        Session s = session();
        return s != null && s.isConnected();
    }

    @Override
    public final Collection<String> subscribe(Collection<String> filters) throws BrokerRefusal {
        if (filters.isEmpty()) {
            return List.of();
        }
        String[] topics = filters.toArray(new String[0]);
        int[] qos = new int[topics.length];
        Arrays.fill(qos, 1);
        try {
            int[] answers = session().subscribe().andWait(topics, qos);
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
        if (filters.isEmpty() || session() == null) {
            return;
        }
        try {
            session().unsubscribe().run(filters.toArray(new String[0]));
        } catch (Exception e) {
            throw new BrokerRefusal("unsubscribe failed: " + e.getMessage(), e);
        }
    }

    /** Tells the publish's owner it failed, and whether because the connection went. */
    protected final void failed(Throwable error, Outcome outcome) {
        boolean lost = !connected() || CONNECTION_CODES.contains(session().reasonCode().applyAsInt(error));
        outcome.failed(String.valueOf(error.getMessage()), lost);
    }

    @Override
    public final void close() {
        Session s = session();
        if (s == null) {
            return;
        }
        try {
            if (s.isConnected()) {
                s.disconnect().run(null);
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        try {
            s.closeForcibly().run(null);
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
