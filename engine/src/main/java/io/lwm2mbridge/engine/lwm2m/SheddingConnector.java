package io.lwm2mbridge.engine.lwm2m;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.EndpointContextMatcher;
import org.eclipse.californium.elements.RawData;
import org.eclipse.californium.elements.RawDataChannel;

/** A UDP connector whose receiver thread drops what {@link InboundShedding} says to, before Californium sees it. */
final class SheddingConnector implements Connector {

    private final Connector udp;
    private final InboundShedding shedding;

    SheddingConnector(Connector udp, InboundShedding shedding) {
        this.udp = udp;
        this.shedding = shedding;
    }

    @Override
    public void setRawDataReceiver(RawDataChannel receiver) {
        udp.setRawDataReceiver(raw -> {
            if (!shedding.drop(raw)) {
                receiver.receiveData(raw);
            }
        });
    }

    @Override
    public void start() throws IOException {
        udp.start();
    }

    @Override
    public void stop() {
        udp.stop();
    }

    @Override
    public void destroy() {
        udp.destroy();
    }

    @Override
    public void send(RawData msg) {
        udp.send(msg);
    }

    @Override
    public void setEndpointContextMatcher(EndpointContextMatcher matcher) {
        udp.setEndpointContextMatcher(matcher);
    }

    @Override
    public InetSocketAddress getAddress() {
        return udp.getAddress();
    }

    @Override
    public String getProtocol() {
        return udp.getProtocol();
    }

    @Override
    public boolean isRunning() {
        return udp.isRunning();
    }

    @Override
    public void processDatagram(DatagramPacket datagram) {
        udp.processDatagram(datagram);
    }

    @Override
    public String toString() {
        return udp.toString();
    }
}
