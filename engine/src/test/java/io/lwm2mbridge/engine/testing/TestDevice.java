package io.lwm2mbridge.engine.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.leshan.client.LeshanClient;
import org.eclipse.leshan.client.LeshanClientBuilder;
import org.eclipse.leshan.client.californium.endpoint.CaliforniumClientEndpointsProvider;
import org.eclipse.leshan.client.californium.endpoint.coap.CoapClientProtocolProvider;
import org.eclipse.leshan.client.object.Device;
import org.eclipse.leshan.client.object.Security;
import org.eclipse.leshan.client.object.Server;
import org.eclipse.leshan.client.observer.LwM2mClientObserverAdapter;
import org.eclipse.leshan.client.resource.LwM2mInstanceEnabler;
import org.eclipse.leshan.client.resource.LwM2mObjectEnabler;
import org.eclipse.leshan.client.resource.ObjectsInitializer;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.ObjectLoader;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.StaticModel;
import org.eclipse.leshan.core.request.RegisterRequest;

/**
 * A real Leshan LwM2M client over UDP on loopback, for tests:
 * {@code TestDevice.named("dev-1").manufacturer("Acme").start(server.coapUri())}.
 */
public final class TestDevice implements AutoCloseable {

    private final String endpoint;
    private final LeshanClient client;
    private final CountDownLatch registered = new CountDownLatch(1);

    private TestDevice(String endpoint, LeshanClient client) {
        this.endpoint = endpoint;
        this.client = client;
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String registrationID) {
                registered.countDown();
            }
        });
    }

    public static Builder named(String endpoint) {
        return new Builder(endpoint);
    }

    public String endpoint() {
        return endpoint;
    }

    public LeshanClient client() {
        return client;
    }

    /** Waits until the server accepted the registration. */
    public TestDevice awaitRegistered() {
        try {
            if (!registered.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError(endpoint + " did not register within 20 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return this;
    }

    /** Deregisters and stops. */
    public void deregister() {
        client.destroy(true);
    }

    /** Stops without deregistering, as a device that loses power. */
    public void vanish() {
        client.destroy(false);
    }

    @Override
    public void close() {
        try {
            client.destroy(true);
        } catch (RuntimeException e) {
            // already stopped
        }
    }

    /** Builds a device with Security, Server and Device objects, plus any extra instances. */
    public static final class Builder {
        private final String endpoint;
        private String manufacturer = "Leshan";
        private String model = "test-model";
        private String serial = "SN-0001";
        private long lifetime = 300;
        private final List<ObjectModel> extraModels = new ArrayList<>();
        private final List<Object[]> extraInstances = new ArrayList<>();

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        public Builder manufacturer(String m) {
            this.manufacturer = m;
            return this;
        }

        public Builder serial(String s) {
            this.serial = s;
            return this;
        }

        public Builder lifetime(long seconds) {
            this.lifetime = seconds;
            return this;
        }

        public Builder withModels(List<ObjectModel> models) {
            extraModels.addAll(models);
            return this;
        }

        public Builder withInstances(int objectId, LwM2mInstanceEnabler... instances) {
            extraInstances.add(new Object[] {objectId, instances});
            return this;
        }

        public TestDevice start(String serverUri) {
            List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadAllDefault());
            models.addAll(extraModels);
            ObjectsInitializer init = new ObjectsInitializer(new StaticModel(models));
            init.setInstancesForObject(LwM2mId.SECURITY, Security.noSec(serverUri, 123));
            init.setInstancesForObject(LwM2mId.SERVER, new Server(123, lifetime));
            init.setInstancesForObject(LwM2mId.DEVICE, new Device(manufacturer, model, serial));
            List<Integer> ids = new ArrayList<>(List.of(LwM2mId.SECURITY, LwM2mId.SERVER, LwM2mId.DEVICE));
            for (Object[] extra : extraInstances) {
                init.setInstancesForObject((Integer) extra[0], (LwM2mInstanceEnabler[]) extra[1]);
                ids.add((Integer) extra[0]);
            }
            List<LwM2mObjectEnabler> enablers = init.create(ids.stream().mapToInt(Integer::intValue).toArray());
            LeshanClientBuilder b = new LeshanClientBuilder(endpoint);
            b.setObjects(enablers);
            b.setEndpointsProviders(new CaliforniumClientEndpointsProvider.Builder(new CoapClientProtocolProvider()).build());
            LeshanClient client = b.build();
            TestDevice device = new TestDevice(endpoint, client);
            client.start();
            return device;
        }
    }
}
