package io.lwm2mbridge.engine.security;

import io.lwm2mbridge.engine.endpoints.Credentials;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.peer.OscoreIdentity;
import org.eclipse.leshan.server.security.BootstrapSecurityStore;
import org.eclipse.leshan.server.security.SecurityInfo;
import org.eclipse.leshan.server.security.SecurityStore;

/**
 * Leshan's view of our endpoint credentials, for the LwM2M and the bootstrap server: the PSK store of
 * both DTLS listeners asks it for the key of an identity on every PSK handshake. Reads only, lock-free.
 * Authorization does not rely on it (see {@link CredentialPolicy}); only key lookup does.
 *
 * @param log where a handshake with an identity no endpoint has is recorded
 */
public record EndpointSecurityStore(Endpoints endpoints, SecurityLog log) implements SecurityStore, BootstrapSecurityStore {

    /**
     * Used by Leshan when the server itself must start a handshake with a registered device: the
     * bootstrap-generated (alternate) credentials come first, since a device that has them was given
     * them to register with.
     */
    @Override
    public SecurityInfo getByEndpoint(String endpoint) {
        List<SecurityInfo> all = infos(endpoint);
        return all.isEmpty() ? null : all.get(0);
    }

    @Override
    public Iterator<SecurityInfo> getAllByEndpoint(String endpoint) {
        return infos(endpoint).iterator();
    }

    @Override
    public SecurityInfo getByIdentity(String pskIdentity) {
        String endpoint = endpoints.credentials().endpointForIdentity(pskIdentity).orElse(null);
        if (endpoint == null) {
            // Scandium drops such a handshake silently, so this is the one place that can tell
            String peer = HandshakePeer.text();
            log.refused(null, "dtls", "DTLS handshake from " + peer + " refused: no endpoint has PSK identity '"
                    + pskIdentity + "'", peer);
            return null;
        }
        for (Credentials c : endpoints.credentials().all(endpoint).values()) {
            if (pskIdentity.equals(c.identity())) {
                return SecurityInfo.newPreSharedKeyInfo(endpoint, c.identity(), c.psk());
            }
        }
        return null;
    }

    @Override
    public SecurityInfo getByOscoreIdentity(OscoreIdentity oscoreIdentity) {
        return null; // OSCORE is not offered
    }

    private List<SecurityInfo> infos(String endpoint) {
        List<SecurityInfo> out = new ArrayList<>();
        Map<Credentials.Slot, Credentials> all = endpoints.credentials().all(endpoint);
        for (Credentials.Slot slot : List.of(Credentials.Slot.ALTERNATE, Credentials.Slot.PRIMARY)) {
            Credentials c = all.get(slot);
            if (c == null) {
                continue;
            }
            if (c.hasPsk()) {
                out.add(SecurityInfo.newPreSharedKeyInfo(endpoint, c.identity(), c.psk()));
            }
            if (c.x509Thumbprint() != null) {
                out.add(SecurityInfo.newX509CertInfo(endpoint));
            }
        }
        return out;
    }
}
