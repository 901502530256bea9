package io.lwm2mbridge.engine.security;

import java.util.Map;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.UplinkRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.security.Authorization;
import org.eclipse.leshan.server.security.Authorizer;

/**
 * Leshan's check of every register, update, deregister and send: applies the {@link CredentialPolicy},
 * records a refusal, and tells the registration which credentials it used ({@link #CREDENTIALS_KEY} in
 * its application data). Called on a protocol thread; only reads the stores.
 */
public record RegistrationAuthorizer(CredentialPolicy policy, SecurityLog log) implements Authorizer {

    /** The application-data key under which a registration keeps "primary", "alternate" or "none". */
    public static final String CREDENTIALS_KEY = "credentials";

    @Override
    public Authorization isAuthorized(UplinkRequest<?> request, Registration registration, LwM2mPeer sender) {
        CredentialPolicy.Decision d = policy.check(registration.getEndpoint(), sender, false);
        if (!d.approved()) {
            log.refused(registration.getEndpoint(), "register", d.reason(), PeerText.of(sender));
            return Authorization.declined();
        }
        return Authorization.approved(Map.of(CREDENTIALS_KEY, d.credentials()));
    }
}
