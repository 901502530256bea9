package io.lwm2mbridge.engine.security;

import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.server.security.Authorization;
import org.eclipse.leshan.server.security.BootstrapAuthorizer;

/**
 * Leshan's check of a Bootstrap-Request: the {@link CredentialPolicy} for bootstraps, with refusals
 * recorded. Called on a protocol thread; only reads the stores.
 */
public record BootstrapAuthorizerImpl(CredentialPolicy policy, SecurityLog log) implements BootstrapAuthorizer {

    @Override
    public Authorization isAuthorized(BootstrapRequest request, LwM2mPeer client) {
        CredentialPolicy.Decision d = policy.check(request.getEndpointName(), client, true);
        if (!d.approved()) {
            log.refused(request.getEndpointName(), "bootstrap", d.reason(), PeerText.of(client));
            return Authorization.declined();
        }
        return Authorization.approved();
    }
}
