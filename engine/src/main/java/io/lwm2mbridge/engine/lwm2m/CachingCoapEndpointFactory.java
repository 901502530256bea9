package io.lwm2mbridge.engine.lwm2m;

import java.net.InetSocketAddress;
import java.net.URI;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerEndpointFactory;
import org.eclipse.leshan.server.californium.observation.LwM2mObservationStore;
import org.eclipse.leshan.server.californium.observation.ObservationSerDes;
import org.eclipse.leshan.server.observation.LwM2mNotificationReceiver;

/** Leshan's plain CoAP endpoint, with observations looked up through a {@link CachedObservationStore}. */
final class CachingCoapEndpointFactory extends CoapServerEndpointFactory {

    CachingCoapEndpointFactory(URI uri) {
        super(uri);
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
