package io.lwm2mbridge.engine.security;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import java.security.Principal;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.eclipse.californium.scandium.ConnectionListener;
import org.eclipse.californium.scandium.dtls.Connection;
import org.eclipse.californium.scandium.dtls.DTLSContext;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.Handshaker;
import org.eclipse.californium.scandium.dtls.SessionListener;

/**
 * Makes DTLS handshake failures visible: a handshake whose records fail their MAC check (the client's
 * key is not the one stored for its identity) and other fatal handshake alerts (a missing client
 * certificate, ...) go to the {@link SecurityLog} with the endpoint when it can be told. Unknown PSK
 * identities are written by {@link EndpointSecurityStore}, certificate refusals by
 * {@link ClientCertificateVerifier}. Every handshake's end is counted ({@link HandshakeCounts}). Called on
 * DTLS threads; it only formats and records.
 */
public final class DtlsAudit implements SessionListener, ConnectionListener {

    private final Endpoints endpoints;
    private final SecurityLog log;
    private final String listener;
    private final HandshakeCounts.Listener counts;

    /** @param listener which listener this is, for the entries ("LwM2M server", "bootstrap server") */
    public DtlsAudit(Endpoints endpoints, SecurityLog log, String listener, HandshakeCounts counts) {
        this.endpoints = endpoints;
        this.log = log;
        this.listener = listener;
        this.counts = counts.listener(listener);
    }

    @Override
    public void handshakeFailed(Handshaker handshaker, Throwable error) {
        String addr = PeerText.of(handshaker.getPeerAddress());
        String message = error == null ? "unknown error" : error.getMessage();
        if (error instanceof ClientCertificateVerifier.Refused) {
            HandshakeCounts.refused(counts);
            return; // already recorded, with the endpoint, by the certificate verifier
        }
        if (error instanceof HandshakeException he && he.getAlert() != null) {
            HandshakeCounts.refused(counts);
            String identity = pskIdentity(handshaker.getSession().getPeerIdentity());
            String endpoint = identity == null ? null : endpoints.credentials().endpointForIdentity(identity).orElse(null);
            log.refused(endpoint, "dtls", listener + ": DTLS handshake failed: " + message
                    + (identity == null ? "" : " (PSK identity '" + identity + "')"), addr);
        } else {
            // other failures (the peer went away, a flight timed out) are not refusals
            HandshakeCounts.failed(counts);
        }
    }

    @Override
    public boolean onConnectionMacError(Connection connection) {
        Handshaker handshaker = connection.getOngoingHandshake();
        if (handshaker != null) {
            String identity = pskIdentity(handshaker.getSession().getPeerIdentity());
            if (identity != null) {
                String endpoint = endpoints.credentials().endpointForIdentity(identity).orElse(null);
                log.refused(endpoint, "dtls", listener + ": DTLS handshake with PSK identity '" + identity
                        + "' failed: the client's key is not the one stored for this identity",
                        PeerText.of(connection.getPeerAddress()));
            }
        }
        return false; // keep Scandium's own handling: the record is dropped
    }

    private static String pskIdentity(Principal p) {
        return p instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : null;
    }

    @Override
    public void handshakeStarted(Handshaker handshaker) {
        // nothing to record
    }

    @Override
    public void contextEstablished(Handshaker handshaker, DTLSContext establishedContext) {
        // nothing to record
    }

    @Override
    public void handshakeCompleted(Handshaker handshaker) {
        HandshakeCounts.completed(counts);
    }

    @Override
    public void handshakeFlightRetransmitted(Handshaker handshaker, int flight) {
        // nothing to record
    }

    @Override
    public void onConnectionEstablished(Connection connection) {
        // nothing to record
    }

    @Override
    public void onConnectionRemoved(Connection connection) {
        // nothing to record
    }

    @Override
    public boolean onConnectionUpdatesSequenceNumbers(Connection connection, boolean writeSequenceNumber) {
        return false;
    }

    @Override
    public void beforeExecution(Connection connection) {
        HandshakePeer.set(connection.getPeerAddress());
    }

    @Override
    public void updateExecution(Connection connection) {
        HandshakePeer.set(connection.getPeerAddress());
    }

    @Override
    public void afterExecution(Connection connection) {
        HandshakePeer.clear();
    }
}
