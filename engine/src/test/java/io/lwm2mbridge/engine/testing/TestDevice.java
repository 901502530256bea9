package io.lwm2mbridge.engine.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Map;
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
import org.eclipse.leshan.client.resource.SimpleInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.LwM2mId;
import org.eclipse.leshan.core.model.InvalidDDFFileException;
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
    private final CountDownLatch bootstrapped = new CountDownLatch(1);
    /** What went wrong so far ("bootstrap: BAD_REQUEST no bootstrap config", "register: FORBIDDEN"), in order. */
    private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestDevice(String endpoint, LeshanClient client) {
        this.endpoint = endpoint;
        this.client = client;
        client.addObserver(new LwM2mClientObserverAdapter() {
            @Override
            public void onRegistrationSuccess(LwM2mServer server, RegisterRequest request, String registrationID) {
                registered.countDown();
            }

            @Override
            public void onBootstrapSuccess(LwM2mServer bsserver, org.eclipse.leshan.core.request.BootstrapRequest request) {
                bootstrapped.countDown();
            }

            @Override
            public void onBootstrapFailure(LwM2mServer bsserver, org.eclipse.leshan.core.request.BootstrapRequest request,
                    org.eclipse.leshan.core.ResponseCode responseCode, String errorMessage, Exception cause) {
                failures.add("bootstrap: " + responseCode + " " + errorMessage + (cause == null ? "" : " " + cause));
            }

            @Override
            public void onBootstrapTimeout(LwM2mServer bsserver, org.eclipse.leshan.core.request.BootstrapRequest request) {
                failures.add("bootstrap: timeout");
            }

            @Override
            public void onRegistrationFailure(LwM2mServer server, RegisterRequest request,
                    org.eclipse.leshan.core.ResponseCode responseCode, String errorMessage, Exception cause) {
                failures.add("register: " + responseCode + " " + errorMessage + (cause == null ? "" : " " + cause));
            }

            @Override
            public void onRegistrationTimeout(LwM2mServer server, RegisterRequest request) {
                failures.add("register: timeout");
            }
        });
    }

    /** Waits until a bootstrap session finished well. */
    public TestDevice awaitBootstrapped() {
        try {
            if (!bootstrapped.await(20, TimeUnit.SECONDS)) {
                throw new AssertionError(endpoint + " did not bootstrap within 20 s; failures: " + failures);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return this;
    }

    /** Bootstrap and registration failures seen so far, oldest first. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    public boolean isRegistered() {
        return registered.getCount() == 0;
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
        private byte[] pskIdentity;
        private byte[] pskKey;
        private byte[] certificate;
        private byte[] privateKey;
        private byte[] serverCertificate;
        private boolean bootstrap;
        private java.util.concurrent.ScheduledExecutorService sharedExecutor;
        private TestFirmware firmware;
        private LwM2mInstanceEnabler deviceInstance;
        private boolean queueMode;
        private java.util.Set<org.eclipse.leshan.core.request.ContentFormat> formats;

        private Builder(String endpoint) {
            this.endpoint = endpoint;
        }

        /** Serves object 3 (Device) with this instance instead of Leshan's {@link Device} (say, one with a battery). */
        public Builder deviceInstance(LwM2mInstanceEnabler device) {
            this.deviceInstance = device;
            return this;
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

        /** Runs the client's tasks on this executor, so hundreds of clients in one test do not each bring threads. */
        public Builder sharedExecutor(java.util.concurrent.ScheduledExecutorService executor) {
            this.sharedExecutor = executor;
            return this;
        }

        public Builder withInstances(int objectId, LwM2mInstanceEnabler... instances) {
            extraInstances.add(new Object[] {objectId, instances});
            return this;
        }

        /**
         * Exposes every object of a DDF document (parsed by Leshan's own parser, as a device would), each
         * with the given instances: instance id to {resource id: value} (String, Long, Double, Boolean,
         * Date, byte[]), served by Leshan's {@link SimpleInstanceEnabler}.
         */
        public Builder withObjectFromDdf(String ddfXml, Map<Integer, Map<Integer, Object>> instances) {
            List<ObjectModel> models;
            try {
                models = ObjectLoader.loadDdfFile(new ByteArrayInputStream(ddfXml.getBytes(StandardCharsets.UTF_8)),
                        "test-ddf");
            } catch (IOException | InvalidDDFFileException e) {
                throw new IllegalArgumentException("the test DDF does not load in Leshan: " + e.getMessage(), e);
            }
            extraModels.addAll(models);
            for (ObjectModel model : models) {
                List<LwM2mInstanceEnabler> enablers = new ArrayList<>();
                instances.forEach((id, values) -> enablers.add(new SimpleInstanceEnabler(id, values)));
                withInstances(model.id, enablers.toArray(LwM2mInstanceEnabler[]::new));
            }
            return this;
        }

        /** Uses DTLS with this PSK (the URI given to {@link #start} is then a {@code coaps://} one). */
        public Builder psk(String identity, byte[] key) {
            this.pskIdentity = identity.getBytes(StandardCharsets.UTF_8);
            this.pskKey = key.clone();
            return this;
        }

        /**
         * Uses DTLS with this client certificate and key, and expects exactly {@code server} as the
         * server's certificate (certificate usage 3, "domain-issued certificate").
         */
        public Builder x509(java.security.cert.X509Certificate client, java.security.PrivateKey key,
                java.security.cert.X509Certificate server) {
            try {
                this.certificate = client.getEncoded();
                this.serverCertificate = server.getEncoded();
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalArgumentException(e);
            }
            this.privateKey = key.getEncoded();
            return this;
        }

        /**
         * Gives the device a Firmware Update object (5/0) that really downloads and applies images, and a
         * Firmware Version (3/0/3) that follows it; the CoAP stack then takes pushed images up to 32 MiB.
         */
        public Builder withFirmware(TestFirmware fw) {
            this.firmware = fw;
            return this;
        }

        /**
         * Speaks only these content formats, as a client built without the others (a Wakaama 1.1 build
         * without TLV): it encodes and decodes nothing else and announces them at registration ({@code ct=}).
         */
        public Builder formats(org.eclipse.leshan.core.request.ContentFormat... only) {
            this.formats = java.util.Set.of(only);
            return this;
        }

        /** Registers in queue mode (the Q parameter), so the server holds requests while it sleeps. */
        public Builder queueMode() {
            this.queueMode = true;
            return this;
        }

        /**
         * Starts factory-fresh: the URI given to {@link #start} is a bootstrap server, and there is no
         * LwM2M server account until the bootstrap writes one.
         */
        public Builder bootstrap() {
            this.bootstrap = true;
            return this;
        }

        private Security security(String uri) {
            if (pskIdentity != null) {
                return bootstrap ? Security.pskBootstrap(uri, pskIdentity, pskKey) : Security.psk(uri, 123, pskIdentity, pskKey);
            }
            if (certificate != null) {
                return bootstrap ? Security.x509Bootstrap(uri, certificate, privateKey, serverCertificate)
                        : Security.x509(uri, 123, certificate, privateKey, serverCertificate);
            }
            return bootstrap ? Security.noSecBootstrap(uri) : Security.noSec(uri, 123);
        }

        public TestDevice start(String serverUri) {
            List<ObjectModel> models = new ArrayList<>(ObjectLoader.loadAllDefault());
            models.addAll(extraModels);
            ObjectsInitializer init = new ObjectsInitializer(new StaticModel(models));
            init.setInstancesForObject(LwM2mId.SECURITY, security(serverUri));
            if (bootstrap) {
                init.setClassForObject(LwM2mId.SERVER, Server.class);
            } else {
                init.setInstancesForObject(LwM2mId.SERVER, new Server(123, lifetime));
            }
            init.setInstancesForObject(LwM2mId.DEVICE, deviceInstance != null ? deviceInstance
                    : firmware != null ? firmware.device(manufacturer, model, serial)
                    : new Device(manufacturer, model, serial));
            List<Integer> ids = new ArrayList<>(List.of(LwM2mId.SECURITY, LwM2mId.SERVER, LwM2mId.DEVICE));
            for (Object[] extra : extraInstances) {
                init.setInstancesForObject((Integer) extra[0], (LwM2mInstanceEnabler[]) extra[1]);
                ids.add((Integer) extra[0]);
            }
            if (firmware != null) {
                init.setInstancesForObject(LwM2mId.FIRMWARE, firmware);
                ids.add(LwM2mId.FIRMWARE);
            }
            List<LwM2mObjectEnabler> enablers = init.create(ids.stream().mapToInt(Integer::intValue).toArray());
            LeshanClientBuilder b = new LeshanClientBuilder(endpoint);
            b.setObjects(enablers);
            if (sharedExecutor != null) {
                b.setSharedExecutor(sharedExecutor);
            }
            CaliforniumClientEndpointsProvider.Builder endpoints = new CaliforniumClientEndpointsProvider.Builder(
                    new CoapClientProtocolProvider(),
                    new org.eclipse.leshan.client.californium.endpoint.coaps.CoapsClientProtocolProvider());
            if (firmware != null) {
                org.eclipse.californium.elements.config.Configuration c = endpoints.createDefaultConfiguration();
                // a pushed image arrives block-wise and is handed over whole
                c.set(org.eclipse.californium.core.config.CoapConfig.MAX_RESOURCE_BODY_SIZE, 32 * 1024 * 1024);
                endpoints.setConfiguration(c);
            }
            b.setEndpointsProviders(endpoints.build());
            if (formats != null) {
                var decoders = new java.util.HashMap<>(org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder.getDefaultNodeDecoders(false));
                decoders.keySet().retainAll(formats);
                var pathDecoders = new java.util.HashMap<>(org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder.getDefaultPathDecoder());
                pathDecoders.keySet().retainAll(formats);
                var encoders = new java.util.HashMap<>(org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder.getDefaultNodeEncoders(false));
                encoders.keySet().retainAll(formats);
                var pathEncoders = new java.util.HashMap<>(org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder.getDefaultPathEncoder());
                pathEncoders.keySet().retainAll(formats);
                b.setDecoder(new org.eclipse.leshan.core.node.codec.DefaultLwM2mDecoder(decoders, pathDecoders));
                b.setEncoder(new org.eclipse.leshan.core.node.codec.DefaultLwM2mEncoder(encoders, pathEncoders,
                        new org.eclipse.leshan.core.node.codec.LwM2mValueChecker()));
            }
            if (queueMode) {
                org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory engine =
                        new org.eclipse.leshan.client.engine.DefaultRegistrationEngineFactory();
                engine.setQueueMode(true);
                b.setRegistrationEngineFactory(engine);
            }
            LeshanClient client = b.build();
            if (firmware != null) {
                firmware.attach(client);
            }
            TestDevice device = new TestDevice(endpoint, client);
            client.start();
            return device;
        }
    }
}
