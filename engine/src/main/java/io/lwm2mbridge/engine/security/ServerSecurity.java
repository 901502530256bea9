package io.lwm2mbridge.engine.security;

import io.lwm2mbridge.engine.config.BridgeConfig;
import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.triggers.RunLog;
import java.io.IOException;
import java.time.Clock;

/**
 * The security parts both Leshan servers share, built once at start: the credential-backed security
 * store, the authorizers of registrations and bootstraps, and the DTLS configuration.
 */
public record ServerSecurity(EndpointSecurityStore store, RegistrationAuthorizer registrationAuthorizer,
        BootstrapAuthorizerImpl bootstrapAuthorizer, DtlsSecurity dtls) {

    public static ServerSecurity build(BridgeConfig config, Settings settings, Endpoints endpoints, RunLog runLog,
            Clock clock) throws IOException {
        ServerIdentity identity = ServerIdentity.loadOrCreate(config.dataDir(), config.publicHost(), clock);
        SecurityLog log = new SecurityLog(runLog, clock);
        ClientCertificateVerifier verifier = new ClientCertificateVerifier(endpoints, identity.trusted(), log);
        CredentialPolicy policy = new CredentialPolicy(endpoints, verifier,
                () -> settings.bool(Settings.LWM2M_NOSEC_ALLOWED), () -> settings.bool(Settings.BOOTSTRAP_NOSEC_ALLOWED));
        return new ServerSecurity(new EndpointSecurityStore(endpoints, log), new RegistrationAuthorizer(policy, log),
                new BootstrapAuthorizerImpl(policy, log),
                new DtlsSecurity(identity, verifier, DtlsSettings.from(settings), endpoints, log,
                        new HandshakeCounts()));
    }
}
