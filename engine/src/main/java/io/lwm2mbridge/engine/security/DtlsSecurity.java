package io.lwm2mbridge.engine.security;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.CertificateType;
import org.eclipse.californium.scandium.dtls.x509.SingleCertificateProvider;

/**
 * Everything a DTLS listener of ours needs beyond Leshan's defaults: the server certificate, the client
 * certificate policy, the operator's DTLS settings and the audit of failed handshakes. PSK keys come from
 * Leshan's PSK store over {@link EndpointSecurityStore}.
 */
public record DtlsSecurity(ServerIdentity identity, ClientCertificateVerifier verifier, DtlsSettings settings,
        Endpoints endpoints, SecurityLog log, HandshakeCounts handshakes) {

    /** Fills a Scandium connector configuration; {@code listener} names it in recorded refusals. */
    public void configure(DtlsConnectorConfig.Builder b, String listener) {
        b.setCertificateIdentityProvider(
                new SingleCertificateProvider(identity.key(), identity.chain(), CertificateType.X_509));
        b.setAdvancedCertificateVerifier(verifier);
        DtlsAudit audit = new DtlsAudit(endpoints, log, listener, handshakes);
        b.setSessionListener(audit);
        b.setConnectionListener(audit);
    }
}
