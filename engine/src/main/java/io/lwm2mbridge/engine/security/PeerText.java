package io.lwm2mbridge.engine.security;

import java.net.InetSocketAddress;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.peer.LwM2mPeer;

/** "ip:port" of a peer, as events write {@code remoteAddr}. */
public final class PeerText {

    private PeerText() {}

    public static String of(LwM2mPeer peer) {
        return peer instanceof IpPeer ip ? of(ip.getSocketAddress()) : String.valueOf(peer);
    }

    public static String of(InetSocketAddress a) {
        return a == null ? null : (a.getAddress() == null ? a.getHostString() : a.getAddress().getHostAddress()) + ":" + a.getPort();
    }
}
