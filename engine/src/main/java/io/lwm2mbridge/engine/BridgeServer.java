package io.lwm2mbridge.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.config.BridgeConfig;
import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.EndpointService;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventLog;
import io.lwm2mbridge.engine.factory.HttpApi;
import io.lwm2mbridge.engine.host.LogFunctions;
import io.lwm2mbridge.engine.host.Lwm2mFunctions;
import io.lwm2mbridge.engine.host.TriggerFunctions;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.LeshanModels;
import io.lwm2mbridge.engine.lwm2m.Lwm2mServerFactory;
import io.lwm2mbridge.engine.lwm2m.ObjectTrees;
import io.lwm2mbridge.engine.lwm2m.RegistrationEvents;
import io.lwm2mbridge.engine.lwm2m.RegistryModelProvider;
import io.lwm2mbridge.engine.store.EmbeddedStore;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.TriggerRunner;
import io.lwm2mbridge.engine.triggers.TriggerService;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.SandboxSettings;
import io.lwm2mbridge.scripting.ScriptSandbox;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.leshan.server.LeshanServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole server: storage, object registry, script sandbox, trigger runner, Leshan LwM2M server and
 * HTTP API, built with {@code new} in dependency order and stopped in reverse. Start with
 * {@link #start(BridgeConfig)}; {@link #close()} stops cleanly (queued events delivered, store flushed).
 */
public final class BridgeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);
    /** Script runs that may be in progress at once; more wait their turn. */
    static final int TRIGGER_WORKERS = 32;

    private final BridgeConfig config;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private EmbeddedStore store;
    private Settings settings;
    private ObjectRegistry registry;
    private ScriptSandbox sandbox;
    private TriggerService triggers;
    private TriggerRunner runner;
    private EventBus bus;
    private EventLog eventLog;
    private RunLog runLog;
    private EndpointService endpoints;
    private LeshanServer leshan;
    private HttpApi http;

    private BridgeServer(BridgeConfig config) {
        this.config = config;
    }

    public static BridgeServer start(BridgeConfig config) throws IOException {
        BridgeServer server = new BridgeServer(config);
        try {
            server.startAll(Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void startAll(Clock clock) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        store = new EmbeddedStore(config.dataDir(), mapper);
        closeables.add(store);
        settings = new Settings(store.map("settings"));
        ApiToken token = ApiToken.resolve(config.apiToken(), config.dataDir());

        registry = new ObjectRegistry(LeshanModels.builtIns());
        eventLog = new EventLog(store.log("events"), () -> settings.integer(Settings.EVENTS_KEPT));
        runLog = new RunLog(store.log("logs"), clock, () -> settings.integer(Settings.LOGS_KEPT));
        bus = new EventBus(eventLog, clock);
        endpoints = new EndpointService(store.map("endpoints"), clock);
        endpoints.markAllDisconnected();

        leshan = Lwm2mServerFactory.build(config.bindAddress(), config.coapPort(), new RegistryModelProvider(registry));
        DeviceRequests requests = new DeviceRequests(leshan, new ObjectTrees(registry));

        AtomicReference<TriggerService> lateTriggers = new AtomicReference<>();
        HostApi.Builder api = HostApi.builder();
        new Lwm2mFunctions(requests, registry, settings, bus, endpoints).register(api);
        new LogFunctions(runLog).register(api);
        new TriggerFunctions(name -> lateTriggers.get().byName(name)).register(api);
        sandbox = new ScriptSandbox(api.build(), sandboxSettings());
        settings.addListener(s -> sandbox.updateSettings(sandboxSettings()));

        triggers = new TriggerService(store.map("triggers"), sandbox, clock, store::commit);
        lateTriggers.set(triggers);
        runner = new TriggerRunner(triggers, sandbox, runLog, TRIGGER_WORKERS, Map::of);
        bus.subscribe(runner::dispatch);

        leshan.getRegistrationService().addListener(new RegistrationEvents(bus, endpoints));
        leshan.start();
        http = HttpApi.start(config.bindAddress(), config.httpPort(),
                token, triggers, runLog, eventLog, settings, endpoints, registry);
        LOG.info("lwm2m-bridge started: LwM2M coap://{}:{}, HTTP http://{}:{}/api/v1, data in {}, scripts on {}",
                config.bindAddress(), coapPort(), config.bindAddress(), httpPort(), config.dataDir().toAbsolutePath(),
                sandbox.engineDescription());
    }

    private SandboxSettings sandboxSettings() {
        return new SandboxSettings(
                Duration.ofMillis(settings.integer(Settings.SCRIPT_CPU_BUDGET_MS)),
                Duration.ofSeconds(settings.integer(Settings.SCRIPT_WALL_CLOCK_LIMIT_S)),
                TRIGGER_WORKERS);
    }

    public int coapPort() {
        return Lwm2mServerFactory.coapPort(leshan);
    }

    public int httpPort() {
        return http.port();
    }

    public BridgeConfig config() {
        return config;
    }

    public TriggerService triggers() {
        return triggers;
    }

    public TriggerRunner runner() {
        return runner;
    }

    public EventLog events() {
        return eventLog;
    }

    public RunLog runLog() {
        return runLog;
    }

    public Settings settings() {
        return settings;
    }

    public ObjectRegistry registry() {
        return registry;
    }

    public LeshanServer leshan() {
        return leshan;
    }

    /** Stops accepting, lets queued work finish, and flushes the store. Safe to call twice. */
    @Override
    public void close() {
        stopQuietly(http);
        if (leshan != null) {
            try {
                leshan.destroy();
            } catch (RuntimeException e) {
                LOG.warn("stopping the LwM2M server failed", e);
            }
        }
        stopQuietly(runner);
        stopQuietly(bus);
        stopQuietly(sandbox);
        for (int i = closeables.size() - 1; i >= 0; i--) {
            stopQuietly(closeables.get(i));
        }
        closeables.clear();
        http = null;
        leshan = null;
        runner = null;
        bus = null;
        sandbox = null;
    }

    private static void stopQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed", c.getClass().getSimpleName(), e);
        }
    }
}
