package io.lwm2mbridge.engine.lwm2m;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.californium.core.coap.EmptyMessage;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.interceptors.MessageInterceptorAdapter;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.util.ClockUtil;

/**
 * The first bound of the pipeline, before Californium: when datagrams wait too long for a protocol
 * thread, notifications are dropped as they arrive, so the threads catch up and requests
 * (registrations, updates, Send) and answers to our own requests still get through.
 *
 * <p>Californium hands every datagram its receiver thread reads to the protocol threads through an
 * unbounded queue: offered more notifications than it can decode, that queue holds the backlog, in the
 * heap, and a registration waits behind all of it until the device gives up. Here each message's wait
 * (from the socket to the start of its processing, Californium's own receive timestamp) is sampled as
 * processing starts. Waits over {@link #OVERLOADED_NANOS} that go on for {@link #SUSTAINED_NANOS} mark
 * the endpoint overloaded for the next {@link #HOLD_NANOS}, during which the receiver thread drops
 * notifications (NON or CON responses, told apart by the first two header bytes) before they are
 * decoded. One pause (a collection, a compilation) makes a short run of late messages that drains at
 * once and sheds nothing; only a backlog that lasts does. A CON notification that is dropped is
 * retransmitted by its device later; a NON one is gone, as UDP allows. Every drop is counted.
 */
public final class InboundShedding extends MessageInterceptorAdapter {

    static final long OVERLOADED_NANOS = 200_000_000L;
    static final long SUSTAINED_NANOS = 250_000_000L;
    static final long HOLD_NANOS = 100_000_000L;
    /** After an overload, how long a single late message is enough to start shedding again. */
    static final long RECENT_NANOS = 5_000_000_000L;

    private final long sustainedNanos;
    private final LongAdder shed = new LongAdder();
    private final LongAdder shedRuns = new LongAdder();
    private volatile long overloadedUntil;
    private volatile long lateSince;
    private volatile long lastOverloadEnd;
    private volatile long lastWaitNanos;

    public InboundShedding() {
        this(SUSTAINED_NANOS);
    }

    /** @param sustainedNanos how long waits must stay over the limit before notifications are shed */
    InboundShedding(long sustainedNanos) {
        this.sustainedNanos = sustainedNanos;
    }

    /** Whether the receiver thread should drop this datagram instead of handing it on. */
    boolean drop(RawData raw) {
        long until = overloadedUntil;
        if (until == 0 || ClockUtil.nanoRealtime() - until > 0 || !isNotification(raw.getBytes())) {
            return false;
        }
        shed.increment();
        return true;
    }

    /**
     * A separate response (CON or NON) with a success or error code: what a notification looks like on
     * the wire. Piggybacked answers to our requests (ACK), requests and empty messages never match.
     */
    static boolean isNotification(byte[] b) {
        if (b.length < 2) {
            return false;
        }
        int type = (b[0] >> 4) & 0x3;
        int codeClass = (b[1] & 0xff) >> 5;
        return (type == 0 || type == 1) && codeClass >= 2;
    }

    private void sample(Message m) {
        long received = m.getNanoTimestamp();
        if (received == 0) {
            return;
        }
        long now = ClockUtil.nanoRealtime();
        long waited = now - received;
        lastWaitNanos = waited;
        if (waited > OVERLOADED_NANOS) {
            long since = lateSince;
            if (since == 0) {
                lateSince = now;
            }
            // within a flood, shedding stops as soon as the backlog is gone and must start again at
            // once when it comes back, or each pause would let a backlog of SUSTAINED_NANOS build
            boolean recentlyOverloaded = lastOverloadEnd != 0 && now - lastOverloadEnd < RECENT_NANOS;
            if (since != 0 && now - since >= sustainedNanos || recentlyOverloaded) {
                if (overloadedUntil == 0) {
                    shedRuns.increment();
                }
                overloadedUntil = now + HOLD_NANOS;
            }
        } else if (waited < OVERLOADED_NANOS / 4) {
            lateSince = 0;
            if (overloadedUntil != 0) {
                lastOverloadEnd = now;
                overloadedUntil = 0;
            }
        }
    }

    @Override
    public void receiveRequest(Request request) {
        sample(request);
    }

    @Override
    public void receiveResponse(Response response) {
        sample(response);
    }

    @Override
    public void receiveEmptyMessage(EmptyMessage message) {
        sample(message);
    }

    /** Notifications dropped at the socket since start. */
    public long notificationsShed() {
        return shed.sum();
    }

    /** Spells of overload (shedding started) since start. */
    public long overloadSpells() {
        return shedRuns.sum();
    }

    /** Whether notifications are being dropped now. */
    public boolean overloaded() {
        long until = overloadedUntil;
        return until != 0 && ClockUtil.nanoRealtime() - until <= 0;
    }

    /** How long the latest sampled message waited for a protocol thread, in nanoseconds. */
    public long lastWaitNanos() {
        return lastWaitNanos;
    }

    /** For {@code GET /api/v1/stats}: notifications dropped at the socket, and the current wait. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("notificationsShed", shed.sum());
        m.put("overloadSpells", shedRuns.sum());
        long until = overloadedUntil;
        m.put("overloaded", until != 0 && ClockUtil.nanoRealtime() - until <= 0);
        m.put("lastWaitMs", lastWaitNanos / 1_000_000);
        return m;
    }
}
