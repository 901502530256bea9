package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.engine.security.DtlsSecurity;
import java.net.InetSocketAddress;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.leshan.core.endpoint.EndpointUriUtil;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerEndpointFactoryBuilder;
import org.eclipse.leshan.server.californium.endpoint.coaps.CoapsServerProtocolProvider;
import org.eclipse.leshan.server.model.LwM2mModelProvider;
import org.eclipse.leshan.server.queue.ClientAwakeTimeProvider;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.security.Authorizer;
import org.eclipse.leshan.server.security.InMemorySecurityStore;
import org.eclipse.leshan.server.security.SecurityStore;

/**
 * Builds the Leshan LwM2M server with our object models: CoAP on the configured port and, when given
 * security, CoAPS beside it, with PSKs from our endpoint credentials and our X.509 identity.
 */
public final class Lwm2mServerFactory {

    private Lwm2mServerFactory() {}

    /** CoAP only, with no credentials: for tests of other parts. */
    public static LeshanServer build(String bindAddress, int coapPort, LwM2mModelProvider models) {
        CaliforniumServerEndpointsProvider.Builder endpoints =
                new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider());
        endpoints.addEndpoint(new InetSocketAddress(bindAddress, coapPort), Protocol.COAP);
        LeshanServerBuilder builder = base(models);
        builder.setEndpointsProviders(endpoints.build());
        builder.setSecurityStore(new InMemorySecurityStore());
        return builder.build();
    }

    /**
     * CoAP and CoAPS.
     *
     * @param securityStore where the CoAPS listener finds the key of a PSK identity
     * @param authorizer decides whether a peer may register (or update) as an endpoint
     */
    public static LeshanServer build(String bindAddress, int coapPort, int coapsPort, LwM2mModelProvider models,
            SecurityStore securityStore, Authorizer authorizer, DtlsSecurity dtls) {
        return build(bindAddress, coapPort, coapsPort, models, securityStore, authorizer, dtls, null,
                new InboundShedding());
    }

    /**
     * As above, with how long (in ms) a queue-mode client stays awake after a message (Leshan's default, 93 s,
     * when null); Leshan asks it each time it hears from a client, so it may follow a live setting; and
     * what sheds notifications at the CoAP socket under overload.
     */
    public static LeshanServer build(String bindAddress, int coapPort, int coapsPort, LwM2mModelProvider models,
            SecurityStore securityStore, Authorizer authorizer, DtlsSecurity dtls, ClientAwakeTimeProvider awakeTime,
            InboundShedding shedding) {
        CaliforniumServerEndpointsProvider.Builder endpoints = new CaliforniumServerEndpointsProvider.Builder(
                new CoapServerProtocolProvider(), new CoapsServerProtocolProvider());
        endpoints.setConfiguration(c -> {
            dtls.settings().applyTo(c);
            // Californium remembers every message it received for deduplication, by default for the
            // whole exchange lifetime (247 s): a flood of notifications would fill the heap with them.
            // Per peer, the newest PEERS_MARK_AND_SWEEP_MESSAGES (64) are enough to recognise a retransmission.
            c.set(CoapConfig.DEDUPLICATOR, CoapConfig.DEDUPLICATOR_PEERS_MARK_AND_SWEEP);
        });
        endpoints.addEndpoint(new CachingCoapEndpointFactory(EndpointUriUtil.createUri(Protocol.COAP.getUriScheme(),
                new InetSocketAddress(bindAddress, coapPort)), shedding));
        endpoints.addEndpoint(new CoapsServerEndpointFactoryBuilder()
                .setURI(EndpointUriUtil.createUri(Protocol.COAPS.getUriScheme(),
                        new InetSocketAddress(bindAddress, coapsPort)))
                .setDtlsConnectorConfig(b -> dtls.configure(b, "LwM2M server"))
                .build());
        LeshanServerBuilder builder = base(models);
        builder.setEndpointsProviders(endpoints.build());
        builder.setSecurityStore(securityStore);
        builder.setAuthorizer(authorizer);
        if (awakeTime != null) {
            builder.setClientAwakeTimeProvider(awakeTime);
        }
        return builder.build();
    }

    private static LeshanServerBuilder base(LwM2mModelProvider models) {
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setObjectModelProvider(models);
        // a short cleaning period so an expired registration is noticed within seconds
        builder.setRegistrationStore(new InMemoryRegistrationStore(2));
        return builder;
    }

    /** The UDP port the CoAP endpoint actually listens on (useful when 0 was asked for). */
    public static int coapPort(LeshanServer server) {
        return server.getEndpoint(Protocol.COAP).getURI().getPort();
    }

    /** The UDP port of the CoAPS endpoint, or -1 when the server has none. */
    public static int coapsPort(LeshanServer server) {
        var endpoint = server.getEndpoint(Protocol.COAPS);
        return endpoint == null ? -1 : endpoint.getURI().getPort();
    }
}
