package io.lwm2mbridge.engine.lwm2m;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.CoAP.Type;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.util.ClockUtil;
import org.junit.jupiter.api.Test;

class InboundSheddingTest {

    private static final AddressEndpointContext PEER =
            new AddressEndpointContext(new InetSocketAddress("127.0.0.1", 40000));

    private static RawData wire(org.eclipse.californium.core.coap.Message m) {
        m.setMID(7);
        m.setToken(new byte[] {1, 2});
        m.setDestinationContext(PEER);
        UdpDataSerializer serializer = new UdpDataSerializer();
        byte[] bytes = m instanceof Request r ? serializer.serializeRequest(r).getBytes()
                : serializer.serializeResponse((Response) m).getBytes();
        return RawData.inbound(bytes, PEER, false, ClockUtil.nanoRealtime(), new InetSocketAddress("127.0.0.1", 5683));
    }

    private static RawData notification(Type type) {
        Response r = new Response(ResponseCode.CONTENT);
        r.setType(type);
        r.getOptions().setObserve(3);
        return wire(r);
    }

    private static Response processedAfter(long waitedMs) {
        Response r = new Response(ResponseCode.CONTENT);
        r.setNanoTimestamp(ClockUtil.nanoRealtime() - waitedMs * 1_000_000L);
        return r;
    }

    @Test
    void tellsNotificationsFromRequestsAndPiggybackedAnswers() {
        assertTrue(InboundShedding.isNotification(notification(Type.NON).getBytes()));
        assertTrue(InboundShedding.isNotification(notification(Type.CON).getBytes()));
        Response piggybacked = new Response(ResponseCode.CONTENT);
        piggybacked.setType(Type.ACK);
        assertFalse(InboundShedding.isNotification(wire(piggybacked).getBytes()));
        Request register = Request.newPost();
        register.setType(Type.CON);
        assertFalse(InboundShedding.isNotification(wire(register).getBytes()));
        Request nonRequest = Request.newPost();
        nonRequest.setType(Type.NON);
        assertFalse(InboundShedding.isNotification(wire(nonRequest).getBytes()));
        assertFalse(InboundShedding.isNotification(new byte[] {0x40}), "too short to be CoAP");
    }

    @Test
    void dropsNotificationsOnlyWhileMessagesWaitTooLong() {
        InboundShedding shedding = new InboundShedding(0);
        RawData non = notification(Type.NON);
        Request register = Request.newPost();
        register.setType(Type.CON);
        RawData request = wire(register);

        shedding.receiveResponse(processedAfter(5));
        assertFalse(shedding.drop(non), "a short wait sheds nothing");

        shedding.receiveResponse(processedAfter(500));
        shedding.receiveResponse(processedAfter(500));
        assertTrue(shedding.drop(non), "long waits shed notifications");
        assertTrue(shedding.drop(notification(Type.CON)));
        assertFalse(shedding.drop(request), "requests always get through");
        assertEquals(2L, shedding.snapshot().get("notificationsShed"));
        assertEquals(true, shedding.snapshot().get("overloaded"));
        assertEquals(1L, shedding.snapshot().get("overloadSpells"));

        shedding.receiveResponse(processedAfter(1));
        assertFalse(shedding.drop(non), "caught up: notifications pass again");
        assertEquals(false, shedding.snapshot().get("overloaded"));
        assertEquals(2L, shedding.snapshot().get("notificationsShed"));
    }

    @Test
    void onePauseShedsNothingButALastingBacklogDoes() throws InterruptedException {
        InboundShedding shedding = new InboundShedding();
        // the messages that waited out one pause are processed one after the other, at once
        for (int i = 0; i < 100; i++) {
            shedding.receiveResponse(processedAfter(400));
        }
        assertFalse(shedding.drop(notification(Type.NON)), "a burst of late messages is not yet overload");
        Thread.sleep(InboundShedding.SUSTAINED_NANOS / 1_000_000 + 20);
        shedding.receiveResponse(processedAfter(400));
        assertTrue(shedding.drop(notification(Type.NON)), "still late after a while: overload");

        shedding.receiveResponse(processedAfter(1));
        assertFalse(shedding.drop(notification(Type.NON)), "the backlog is gone");
        shedding.receiveResponse(processedAfter(400));
        assertTrue(shedding.drop(notification(Type.NON)), "soon after an overload, one late message is enough");
        assertEquals(2L, shedding.snapshot().get("overloadSpells"));
    }

    @Test
    void overloadEndsOnItsOwnWhenNothingIsSampled() throws InterruptedException {
        InboundShedding shedding = new InboundShedding(0);
        shedding.receiveResponse(processedAfter(500));
        shedding.receiveResponse(processedAfter(500));
        assertTrue(shedding.drop(notification(Type.NON)));
        Thread.sleep(InboundShedding.HOLD_NANOS / 1_000_000 + 50);
        assertFalse(shedding.drop(notification(Type.NON)), "the hold expires without new samples");
    }
}
