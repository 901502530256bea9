package io.lwm2mbridge.engine.lwm2m;

import java.net.InetSocketAddress;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.LeshanServerBuilder;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.californium.endpoint.coap.CoapServerProtocolProvider;
import org.eclipse.leshan.server.model.LwM2mModelProvider;
import org.eclipse.leshan.server.registration.InMemoryRegistrationStore;
import org.eclipse.leshan.server.security.InMemorySecurityStore;

/** Builds the Leshan LwM2M server on the configured CoAP address, with our object models. */
public final class Lwm2mServerFactory {

    private Lwm2mServerFactory() {}

    public static LeshanServer build(String bindAddress, int coapPort, LwM2mModelProvider models) {
        CaliforniumServerEndpointsProvider.Builder endpoints =
                new CaliforniumServerEndpointsProvider.Builder(new CoapServerProtocolProvider());
        endpoints.addEndpoint(new InetSocketAddress(bindAddress, coapPort), Protocol.COAP);
        LeshanServerBuilder builder = new LeshanServerBuilder();
        builder.setEndpointsProviders(endpoints.build());
        builder.setObjectModelProvider(models);
        // a short cleaning period so an expired registration is noticed within seconds
        builder.setRegistrationStore(new InMemoryRegistrationStore(2));
        builder.setSecurityStore(new InMemorySecurityStore());
        return builder.build();
    }

    /** The UDP port the CoAP endpoint actually listens on (useful when 0 was asked for). */
    public static int coapPort(LeshanServer server) {
        return server.getEndpoint(Protocol.COAP).getURI().getPort();
    }
}
