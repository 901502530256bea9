package io.lwm2mbridge.engine.lwm2m;

import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.Connector;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerEndpointFactory;
import org.eclipse.leshan.server.californium.observation.LwM2mObservationStore;
import org.eclipse.leshan.server.californium.observation.ObservationSerDes;
import org.eclipse.leshan.server.observation.LwM2mNotificationReceiver;
import org.eclipse.leshan.server.security.ServerSecurityInfo;

/**
 * Leshan's plain CoAP endpoint, with observations looked up through a {@link CachedObservationStore}
 * and notifications shed at the socket under overload ({@link InboundShedding}).
 */
final class CachingCoapEndpointFactory extends CoapServerEndpointFactory {

    private final InboundShedding shedding;

    CachingCoapEndpointFactory(URI uri, InboundShedding shedding) {
        super(uri);
        this.shedding = shedding;
    }

    @Override
    protected Connector createConnector(InetSocketAddress address, Configuration config) {
        return new SheddingConnector(super.createConnector(address, config), shedding);
    }

    @Override
    public CoapEndpoint createCoapEndpoint(Configuration defaultConfig, ServerSecurityInfo securityInfo,
            LwM2mNotificationReceiver notificationReceiver, LeshanServer server) {
        CoapEndpoint endpoint = super.createCoapEndpoint(defaultConfig, securityInfo, notificationReceiver, server);
        endpoint.addInterceptor(shedding);
        return endpoint;
    }

    @Override
    protected CoapEndpoint.Builder createEndpointBuilder(InetSocketAddress address, Configuration config,
            LwM2mNotificationReceiver notificationReceiver, LeshanServer server) {
        CoapEndpoint.Builder builder = super.createEndpointBuilder(address, config, notificationReceiver, server);
        LwM2mObservationStore leshanStore = new LwM2mObservationStore(server.getRegistrationStore(),
                notificationReceiver, new ObservationSerDes(new UdpDataParser(), new UdpDataSerializer()));
        builder.setObservationStore(new CachedObservationStore(leshanStore, server.getRegistrationStore()));
        return builder;
    }
}
