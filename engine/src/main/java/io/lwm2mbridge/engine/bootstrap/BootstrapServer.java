package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.lwm2m.RegistryModelProvider;
import io.lwm2mbridge.engine.security.DtlsSecurity;
import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.TriggerRunner;
import io.lwm2mbridge.engine.triggers.TriggerService;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.function.Supplier;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.leshan.core.endpoint.EndpointUriUtil;
import org.eclipse.leshan.core.endpoint.Protocol;
import org.eclipse.leshan.server.bootstrap.DefaultBootstrapSessionManager;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServer;
import org.eclipse.leshan.server.bootstrap.LeshanBootstrapServerBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.CaliforniumBootstrapServerEndpointsProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coap.CoapBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerEndpointFactoryBuilder;
import org.eclipse.leshan.server.californium.bootstrap.endpoint.coaps.CoapsBootstrapServerProtocolProvider;
import org.eclipse.leshan.server.security.BootstrapAuthorizer;
import org.eclipse.leshan.server.security.BootstrapSecurityStore;

/**
 * The Leshan bootstrap server on CoAP and CoAPS, answering Bootstrap-Requests with the configuration
 * {@link BootstrapResolver} finds, and keeping the stored configurations and the outcome history.
 */
public final class BootstrapServer implements AutoCloseable {

    /**
     * Protocol threads of the bootstrap listeners: each may wait for triggers to reply
     * ({@code bootstrap_reply_timeout_s}), so there are more than Californium's one per core.
     */
    static final int PROTOCOL_THREADS = 16;

    /**
     * What the bootstrap server is built from.
     *
     * @param coapUri this LwM2M server's {@code coap://public-host:port}, for {@code self} NoSec accounts
     * @param coapsUri likewise {@code coaps://...}, for {@code self} PSK and certificate accounts
     */
    public record Parts(String bindAddress, int coapPort, int coapsPort, EventBus bus, TriggerService triggers,
            TriggerRunner runner, RunLog runLog, Endpoints endpoints, Settings settings,
            RegistryModelProvider models, KeyValueStore configStore, KeyValueStore historyStore, DtlsSecurity dtls,
            BootstrapSecurityStore securityStore, BootstrapAuthorizer authorizer, Supplier<String> coapUri,
            Supplier<String> coapsUri, Clock clock) {}

    private final LeshanBootstrapServer leshan;
    private final BootstrapConfigs configs;
    private final BootstrapHistory history;

    private BootstrapServer(LeshanBootstrapServer leshan, BootstrapConfigs configs, BootstrapHistory history) {
        this.leshan = leshan;
        this.configs = configs;
        this.history = history;
    }

    public static BootstrapServer start(Parts p) {
        BootstrapConfigs configs = new BootstrapConfigs(p.configStore());
        BootstrapHistory history = new BootstrapHistory(p.historyStore());
        SelfAccounts self = new SelfAccounts(p.endpoints(), p.dtls().identity(), p.coapUri(), p.coapsUri(), p.clock());
        BootstrapResolver resolver = new BootstrapResolver(p.bus(), p.triggers(), p.runner(), p.runLog(), p.endpoints(),
                configs, new PlanBuilder(self), p.settings());
        BridgeTaskProvider tasks = new BridgeTaskProvider(resolver, p.models());

        CaliforniumBootstrapServerEndpointsProvider.Builder endpoints =
                new CaliforniumBootstrapServerEndpointsProvider.Builder(new CoapBootstrapServerProtocolProvider(),
                        new CoapsBootstrapServerProtocolProvider());
        endpoints.setConfiguration(c -> {
            p.dtls().settings().applyTo(c);
            c.set(CoapConfig.PROTOCOL_STAGE_THREAD_COUNT, PROTOCOL_THREADS);
        });
        endpoints.addEndpoint(new InetSocketAddress(p.bindAddress(), p.coapPort()), Protocol.COAP);
        endpoints.addEndpoint(new CoapsBootstrapServerEndpointFactoryBuilder()
                .setURI(EndpointUriUtil.createUri(Protocol.COAPS.getUriScheme(),
                        new InetSocketAddress(p.bindAddress(), p.coapsPort())))
                .setDtlsConnectorConfig(b -> p.dtls().configure(b, "bootstrap server"))
                .build());

        LeshanBootstrapServerBuilder builder = new LeshanBootstrapServerBuilder();
        builder.setEndpointsProviders(endpoints.build());
        builder.setSecurityStore(p.securityStore());
        builder.setSessionManager(new DefaultBootstrapSessionManager(tasks, new BootstrapModels(p.models()),
                p.authorizer()));
        LeshanBootstrapServer leshan = builder.build();
        leshan.addListener(new BootstrapOutcomes(tasks, history, p.runLog(), p.clock()));
        leshan.start();
        return new BootstrapServer(leshan, configs, history);
    }

    public int coapPort() {
        return leshan.getEndpoint(Protocol.COAP).getURI().getPort();
    }

    public int coapsPort() {
        return leshan.getEndpoint(Protocol.COAPS).getURI().getPort();
    }

    public BootstrapConfigs configs() {
        return configs;
    }

    public BootstrapHistory history() {
        return history;
    }

    @Override
    public void close() {
        leshan.destroy();
    }
}
