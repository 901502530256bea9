package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.endpoints.Credentials;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.leshan.core.SecurityMode;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ACLConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ServerConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig.ServerSecurity;

/**
 * Turns a checked reply into Leshan's {@link BootstrapConfig}. Security instances get ids 1, 2, ...
 * (0 stays the bootstrap server's account); for LwM2M 1.1 devices Leshan renumbers them around the
 * bootstrap account it discovers first. {@code self} entries become this server with fresh credentials.
 */
final class PlanBuilder {

    private final SelfAccounts self;

    PlanBuilder(SelfAccounts self) {
        this.self = self;
    }

    /**
     * @param lwm2m11 whether the device speaks LwM2M 1.1 (a Bootstrap-Discover finds its bootstrap
     *     account; queue mode is not part of a 1.1 binding)
     */
    BootstrapPlan fromReply(String endpoint, BootstrapReply r, long defaultLifetime, boolean lwm2m11, String source) {
        BootstrapConfig c = new BootstrapConfig();
        c.autoIdForSecurityObject = lwm2m11;
        if (r.clearSecurityObjects()) {
            c.toDelete.add("/0");
        }
        if (r.clearServerObjects()) {
            c.toDelete.add("/1");
        }
        if (r.clearAclObjects()) {
            c.toDelete.add("/2");
        }
        int securityId = 1;
        int serverId = 0;
        for (BootstrapReply.Server s : r.servers()) {
            ServerSecurity sec = s.self() ? self.fresh(endpoint, s.secMode()) : explicit(s);
            if (s.clientHoldOffTime() != null) {
                sec.clientOldOffTime = s.clientHoldOffTime();
            }
            if (s.bootstrapServerAccountTimeout() != null) {
                sec.bootstrapServerAccountTimeout = s.bootstrapServerAccountTimeout();
            }
            if (s.bootstrap()) {
                sec.bootstrapServer = true;
                c.security.put(0, sec);
                continue;
            }
            sec.serverId = s.shortServerId();
            c.security.put(securityId++, sec);
            c.servers.put(serverId++, server(s, defaultLifetime, lwm2m11));
        }
        int aclId = 0;
        for (BootstrapReply.Acl a : r.acls()) {
            ACLConfig acl = new ACLConfig();
            acl.objectId = a.objectId();
            acl.objectInstanceId = a.instanceId();
            acl.acls = Map.copyOf(a.rules());
            acl.AccessControlOwner = a.owner();
            c.acls.put(aclId++, acl);
        }
        return new BootstrapPlan(c, r.objects(), source);
    }

    /**
     * The configuration of a known endpoint when nothing else gives one: this server only, with the
     * endpoint's stored PSK (or NoSec when it has no credentials).
     *
     * @throws IllegalArgumentException when the endpoint only has a certificate thumbprint, whose
     *     private key the server does not have to hand out
     */
    BootstrapPlan automatic(Map<Credentials.Slot, Credentials> creds, long lifetime, boolean lwm2m11) {
        Credentials psk = null;
        for (Credentials.Slot slot : Credentials.Slot.values()) {
            Credentials c = creds.get(slot);
            if (psk == null && c != null && c.hasPsk()) {
                psk = c;
            }
        }
        if (psk == null && !creds.isEmpty()) {
            throw new IllegalArgumentException("the endpoint authenticates with a certificate, which an automatic"
                    + " bootstrap cannot hand out: store a configuration or reply from a trigger");
        }
        BootstrapConfig c = new BootstrapConfig();
        c.autoIdForSecurityObject = lwm2m11;
        c.toDelete.add("/0");
        c.toDelete.add("/1");
        ServerSecurity sec = psk == null ? self.nosec() : self.stored(psk);
        sec.serverId = 1;
        c.security.put(1, sec);
        ServerConfig server = new ServerConfig();
        server.shortId = 1;
        server.lifetime = (int) lifetime;
        server.binding = EnumSet.of(BindingMode.U);
        c.servers.put(0, server);
        return new BootstrapPlan(c, Map.of(), "automatic");
    }

    private static ServerSecurity explicit(BootstrapReply.Server s) {
        ServerSecurity sec = new ServerSecurity();
        sec.uri = s.serverUri();
        sec.securityMode = switch (s.secMode()) {
            case "psk" -> SecurityMode.PSK;
            case "cert" -> SecurityMode.X509;
            default -> SecurityMode.NO_SEC;
        };
        if (s.identity() != null) {
            sec.publicKeyOrId = s.identity();
        }
        if (s.secret() != null) {
            sec.secretKey = s.secret();
        }
        if (s.serverCertificate() != null) {
            sec.serverPublicKey = s.serverCertificate();
        }
        return sec;
    }

    private static ServerConfig server(BootstrapReply.Server s, long defaultLifetime, boolean lwm2m11) {
        ServerConfig server = new ServerConfig();
        server.shortId = s.shortServerId();
        server.lifetime = s.lifetime() != null ? s.lifetime() : (int) defaultLifetime;
        server.defaultMinPeriod = s.defaultMinPeriod();
        server.defaultMaxPeriod = s.defaultMaxPeriod();
        server.disableTimeout = s.disableTimeout();
        if (s.notificationStoring() != null) {
            server.notifIfDisabled = s.notificationStoring();
        }
        String binding = s.binding() == null ? "U" : s.binding();
        if (lwm2m11) {
            // 1.1 moved queue mode out of the binding: a "Q" there would be refused by the device
            binding = binding.replace("Q", "");
        }
        server.binding = BindingMode.parse(binding.isEmpty() ? "U" : binding);
        return server;
    }
}
