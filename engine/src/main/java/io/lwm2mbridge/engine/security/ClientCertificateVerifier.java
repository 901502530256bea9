package io.lwm2mbridge.engine.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lwm2mbridge.engine.endpoints.Credentials;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import java.net.InetSocketAddress;
import java.security.cert.CertPath;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;
import org.eclipse.californium.elements.util.CertPathUtil;
import org.eclipse.californium.scandium.dtls.AlertMessage;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertDescription;
import org.eclipse.californium.scandium.dtls.AlertMessage.AlertLevel;
import org.eclipse.californium.scandium.dtls.CertificateMessage;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.CertificateVerificationResult;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeException;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.x509.NewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.dtls.x509.StaticNewAdvancedCertificateVerifier;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * Decides which client certificates a DTLS handshake accepts. The certificate's CN is the endpoint name
 * (as Leshan requires); an endpoint that pins a thumbprint accepts exactly that certificate, whoever
 * issued it; any other endpoint accepts a certificate that chains to a trusted CA. Refusals go to the
 * {@link SecurityLog}. Called on a DTLS handshake thread; it only reads, so it returns quickly.
 */
public final class ClientCertificateVerifier implements NewAdvancedCertificateVerifier {

    private final Endpoints endpoints;
    private final NewAdvancedCertificateVerifier caVerifier;
    private final SecurityLog log;
    /** Which credential slot each recent peer's certificate matched, for its register event. */
    private final Cache<InetSocketAddress, String> matchedSlot =
            Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    public ClientCertificateVerifier(Endpoints endpoints, List<X509Certificate> trusted, SecurityLog log) {
        this.endpoints = endpoints;
        this.log = log;
        this.caVerifier = trusted.isEmpty() ? null : StaticNewAdvancedCertificateVerifier.builder()
                .setTrustedCertificates(trusted.toArray(X509Certificate[]::new)).build();
    }

    /** "primary" or "alternate": the slot whose thumbprint the peer's certificate matched ("primary" for a CA). */
    public String slotOf(InetSocketAddress peer) {
        String slot = peer == null ? null : matchedSlot.getIfPresent(peer);
        return slot == null ? Credentials.Slot.PRIMARY.label() : slot;
    }

    @Override
    public List<CertificateType> getSupportedCertificateTypes() {
        return List.of(CertificateType.X_509);
    }

    @Override
    public CertificateVerificationResult verifyCertificate(ConnectionId cid, ServerNames serverName,
            InetSocketAddress remotePeer, boolean clientUsage, boolean verifySubject, boolean truncateCertificatePath,
            CertificateMessage message) {
        String addr = remotePeer == null ? null : remotePeer.getAddress().getHostAddress() + ":" + remotePeer.getPort();
        CertPath path = message.getCertificateChain();
        if (path == null || message.isEmpty()) {
            return refuse(cid, null, addr, "the client presented no X.509 certificate");
        }
        X509Certificate leaf = (X509Certificate) path.getCertificates().get(0);
        String endpoint = CertPathUtil.getSubjectsCn(leaf);
        Map<Credentials.Slot, Credentials> creds = endpoints.credentials().all(endpoint);
        boolean pinned = creds.values().stream().anyMatch(c -> c.x509Thumbprint() != null);
        if (pinned) {
            byte[] der;
            try {
                der = leaf.getEncoded();
            } catch (CertificateEncodingException e) {
                return refuse(cid, endpoint, addr, "the client certificate cannot be encoded");
            }
            for (Map.Entry<Credentials.Slot, Credentials> e : creds.entrySet()) {
                if (e.getValue().matchesCertificate(der)) {
                    matchedSlot.put(remotePeer, e.getKey().label());
                    return new CertificateVerificationResult(cid, path, null);
                }
            }
            return refuse(cid, endpoint, addr, "the certificate of CN=" + endpoint + " is not the one pinned for it"
                    + " (presented SHA-256 thumbprint " + io.lwm2mbridge.engine.endpoints.Thumbprints.of(der, false) + ")");
        }
        if (caVerifier == null) {
            return refuse(cid, endpoint, addr, "certificate of CN=" + endpoint
                    + " refused: no trusted CA is configured and the endpoint pins no thumbprint");
        }
        CertificateVerificationResult r = caVerifier.verifyCertificate(cid, serverName, remotePeer, clientUsage,
                false, truncateCertificatePath, message);
        if (r.getException() != null) {
            return refuse(cid, endpoint, addr, "certificate of CN=" + endpoint + " refused: "
                    + r.getException().getMessage() + " (not issued by a trusted CA)");
        } else {
            matchedSlot.put(remotePeer, Credentials.Slot.PRIMARY.label());
        }
        return r;
    }

    private CertificateVerificationResult refuse(ConnectionId cid, String endpoint, String addr, String why) {
        log.refused(endpoint, "dtls", why, addr);
        return new CertificateVerificationResult(cid, new Refused(why), null);
    }

    /** A refusal this verifier has already recorded, so the handshake audit does not record it again. */
    static final class Refused extends HandshakeException {
        private static final long serialVersionUID = 1L;

        Refused(String why) {
            super(why, new AlertMessage(AlertLevel.FATAL, AlertDescription.BAD_CERTIFICATE));
        }
    }

    /**
     * None named: a client whose certificate is pinned by thumbprint may have any issuer, and a client
     * told the CA names would send no certificate at all when its issuer is not among them.
     */
    @Override
    public List<X500Principal> getAcceptedIssuers() {
        return List.of();
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // answers synchronously
    }
}
