package io.lwm2mbridge.engine.security;

import java.net.InetSocketAddress;

/**
 * The peer whose DTLS records the current thread is handling. Leshan's PSK store is asked for a key by
 * identity only, with no address; Scandium runs each connection's work on one thread at a time and
 * tells its {@code ConnectionListener} before and after, so {@link DtlsAudit} sets this there and
 * {@link EndpointSecurityStore} can name the address of a handshake it refuses.
 */
final class HandshakePeer {

    private static final ThreadLocal<InetSocketAddress> CURRENT = new ThreadLocal<>();

    private HandshakePeer() {}

    static void set(InetSocketAddress peer) {
        CURRENT.set(peer);
    }

    static void clear() {
        CURRENT.remove();
    }

    /** "ip:port" of the peer, or "an unknown address" outside a connection's execution. */
    static String text() {
        String text = PeerText.of(CURRENT.get());
        return text == null ? "an unknown address" : text;
    }
}
