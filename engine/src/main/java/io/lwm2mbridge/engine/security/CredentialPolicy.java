package io.lwm2mbridge.engine.security;

import io.lwm2mbridge.engine.endpoints.Credentials;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.peer.LwM2mIdentity;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.peer.PskIdentity;
import org.eclipse.leshan.core.peer.X509Identity;

/**
 * Which peer may speak for which endpoint, for registrations and bootstraps alike: a PSK identity only
 * for the endpoint it belongs to; a certificate only for the endpoint named by its CN (the verifier has
 * already checked who vouches for it); NoSec only for an endpoint without credentials, while the
 * operator allows NoSec at all. A bootstrap over NoSec is refused only to endpoints with provisioned
 * (primary) credentials, since a factory-fresh device has none yet.
 */
public final class CredentialPolicy {

    /**
     * @param approved whether the peer may go on
     * @param credentials what register events call it: "primary", "alternate" or "none"
     * @param reason why it was refused, for the operator; null when approved
     */
    public record Decision(boolean approved, String credentials, String reason) {

        static Decision approve(String credentials) {
            return new Decision(true, credentials, null);
        }

        static Decision refuse(String reason) {
            return new Decision(false, null, reason);
        }
    }

    private final Endpoints endpoints;
    private final ClientCertificateVerifier certificates;
    private final BooleanSupplier noSecAllowed;
    private final BooleanSupplier bootstrapNoSecAllowed;

    public CredentialPolicy(Endpoints endpoints, ClientCertificateVerifier certificates,
            BooleanSupplier noSecAllowed, BooleanSupplier bootstrapNoSecAllowed) {
        this.endpoints = endpoints;
        this.certificates = certificates;
        this.noSecAllowed = noSecAllowed;
        this.bootstrapNoSecAllowed = bootstrapNoSecAllowed;
    }

    public Decision check(String endpoint, LwM2mPeer peer, boolean bootstrap) {
        LwM2mIdentity identity = peer.getIdentity();
        if (identity instanceof PskIdentity psk) {
            String id = psk.getPskIdentity();
            Optional<String> owner = endpoints.credentials().endpointForIdentity(id);
            if (owner.isEmpty()) {
                return Decision.refuse("PSK identity '" + id + "' belongs to no endpoint");
            }
            if (!owner.get().equals(endpoint)) {
                return Decision.refuse("endpoint '" + endpoint + "' used PSK identity '" + id
                        + "', which belongs to endpoint '" + owner.get() + "'");
            }
            for (Map.Entry<Credentials.Slot, Credentials> e : endpoints.credentials().all(endpoint).entrySet()) {
                if (id.equals(e.getValue().identity())) {
                    return Decision.approve(e.getKey().label());
                }
            }
            return Decision.refuse("PSK identity '" + id + "' was removed from endpoint '" + endpoint + "'");
        }
        if (identity instanceof X509Identity x509) {
            String cn = x509.getX509CommonName();
            if (!endpoint.equals(cn)) {
                return Decision.refuse("endpoint '" + endpoint + "' presented a certificate for CN=" + cn);
            }
            return Decision.approve(certificates.slotOf(peer instanceof IpPeer ip ? ip.getSocketAddress() : null));
        }
        if (identity != null && identity.isSecure()) {
            return Decision.refuse("endpoint '" + endpoint + "' used " + identity.getClass().getSimpleName()
                    + ", which this server does not accept (PSK or X.509 only)");
        }
        Map<Credentials.Slot, Credentials> creds = endpoints.credentials().all(endpoint);
        if (bootstrap) {
            if (creds.containsKey(Credentials.Slot.PRIMARY)) {
                return Decision.refuse("endpoint '" + endpoint
                        + "' has provisioned credentials: it must bootstrap with them over coaps");
            }
            if (!bootstrapNoSecAllowed.getAsBoolean()) {
                return Decision.refuse("bootstrap without DTLS is disabled (setting bootstrap_nosec_allowed)");
            }
            return Decision.approve("none");
        }
        if (!creds.isEmpty()) {
            return Decision.refuse("endpoint '" + endpoint + "' has DTLS credentials and must use them (coaps)");
        }
        if (!noSecAllowed.getAsBoolean()) {
            return Decision.refuse("registration without DTLS is disabled (setting lwm2m_nosec_allowed)");
        }
        return Decision.approve("none");
    }
}
