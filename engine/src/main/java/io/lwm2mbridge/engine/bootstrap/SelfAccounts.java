package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.endpoints.Credentials;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.endpoints.Thumbprints;
import io.lwm2mbridge.engine.security.Certificates;
import io.lwm2mbridge.engine.security.ServerIdentity;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.eclipse.leshan.core.CertificateUsage;
import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ServerSecurity;

/**
 * The Security instance that points a device at this LwM2M server ({@code self: true}): this server's
 * URI on the public host, and fresh credentials for the endpoint, stored in its alternate slot so that
 * its next registration is accepted. Called on a bootstrap protocol thread.
 *
 * @param coapUri this server's {@code coap://host:port}, known once it listens; likewise {@code coapsUri}
 */
record SelfAccounts(Endpoints endpoints, ServerIdentity identity, Supplier<String> coapUri, Supplier<String> coapsUri,
        Clock clock) {

    static final int PSK_BYTES = 16;
    static final Duration CLIENT_CERT_VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An account with fresh credentials of the given mode; replaces the endpoint's alternate credentials. */
    ServerSecurity fresh(String endpoint, String secMode) {
        return switch (secMode) {
            case "psk" -> {
                byte[] key = new byte[PSK_BYTES];
                RANDOM.nextBytes(key);
                byte[] tag = new byte[4];
                RANDOM.nextBytes(tag);
                String id = endpoint + ":" + HexFormat.of().formatHex(tag);
                endpoints.credentials().set(endpoint, Credentials.Slot.ALTERNATE, Credentials.psk(id, key));
                yield psk(id, key);
            }
            case "cert" -> cert(endpoint);
            default -> {
                // generated credentials would make the next, NoSec, registration be refused
                endpoints.credentials().clear(endpoint, Credentials.Slot.ALTERNATE);
                yield nosec();
            }
        };
    }

    /** An account with credentials the endpoint already has (the automatic bootstrap of a known endpoint). */
    ServerSecurity stored(Credentials c) {
        return psk(c.identity(), c.psk());
    }

    ServerSecurity nosec() {
        ServerSecurity s = base(coapUri.get(), SecurityMode.NO_SEC);
        return s;
    }

    private ServerSecurity psk(String id, byte[] key) {
        ServerSecurity s = base(coapsUri.get(), SecurityMode.PSK);
        s.publicKeyOrId = id.getBytes(StandardCharsets.UTF_8);
        s.secretKey = key;
        return s;
    }

    private ServerSecurity cert(String endpoint) {
        Certificates.Issued client = Certificates.issue(endpoint, null, Certificates.Use.CLIENT, identity.asIssuer(),
                clock.instant(), CLIENT_CERT_VALIDITY);
        try {
            byte[] der = client.certificate().getEncoded();
            endpoints.credentials().set(endpoint, Credentials.Slot.ALTERNATE,
                    Credentials.thumbprint(Thumbprints.of(der, false)));
            ServerSecurity s = base(coapsUri.get(), SecurityMode.X509);
            s.publicKeyOrId = der;
            s.secretKey = client.key().getEncoded();
            s.serverPublicKey = identity.certificate().getEncoded();
            // the device pins this server's own certificate rather than trusting a CA for it
            s.certificateUsage = CertificateUsage.DOMAIN_ISSUER_CERTIFICATE;
            return s;
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a generated certificate cannot be encoded", e);
        }
    }

    private static ServerSecurity base(String uri, SecurityMode mode) {
        ServerSecurity s = new ServerSecurity();
        s.uri = uri;
        s.securityMode = mode;
        s.bootstrapServer = false;
        return s;
    }
}
