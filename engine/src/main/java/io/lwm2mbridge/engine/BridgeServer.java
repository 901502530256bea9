package io.lwm2mbridge.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.api.ApiToken;
import io.lwm2mbridge.engine.api.DeviceStatuses;
import io.lwm2mbridge.engine.bootstrap.BootstrapServer;
import io.lwm2mbridge.engine.config.BridgeConfig;
import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.device.DeviceCalls;
import io.lwm2mbridge.engine.device.DeviceEvents;
import io.lwm2mbridge.engine.device.api.DeviceOperations;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.endpoints.json.CredentialsCodec;
import io.lwm2mbridge.engine.endpoints.json.EndpointRecordCodec;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventLog;
import io.lwm2mbridge.engine.events.PipelineStats;
import io.lwm2mbridge.engine.events.json.EventJson;
import io.lwm2mbridge.engine.factory.ApiParts;
import io.lwm2mbridge.engine.factory.HttpApi;
import io.lwm2mbridge.engine.firmware.FirmwareServices;
import io.lwm2mbridge.engine.firmware.api.FirmwareFunctions;
import io.lwm2mbridge.engine.host.DryRunGate;
import io.lwm2mbridge.engine.host.LogFunctions;
import io.lwm2mbridge.engine.host.Lwm2mFunctions;
import io.lwm2mbridge.engine.host.MqttFunctions;
import io.lwm2mbridge.engine.host.TriggerFunctions;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.InboundShedding;
import io.lwm2mbridge.engine.lwm2m.LastKnownValues;
import io.lwm2mbridge.engine.lwm2m.LeshanModels;
import io.lwm2mbridge.engine.lwm2m.Lwm2mServerFactory;
import io.lwm2mbridge.engine.lwm2m.RegistrationEvents;
import io.lwm2mbridge.engine.lwm2m.RegistrationGate;
import io.lwm2mbridge.engine.lwm2m.RegistryModelProvider;
import io.lwm2mbridge.engine.lwm2m.json.ObjectTrees;
import io.lwm2mbridge.engine.lwm2m.requests.Observations;
import io.lwm2mbridge.engine.lwm2m.requests.SendReceiver;
import io.lwm2mbridge.engine.metrics.BridgeMetrics;
import io.lwm2mbridge.engine.metrics.DeviceMeters;
import io.lwm2mbridge.engine.mqtt.MqttConnections;
import io.lwm2mbridge.engine.mqtt.MqttEvents;
import io.lwm2mbridge.engine.mqtt.MqttServices;
import io.lwm2mbridge.engine.mqtt.bridge.MqttBridge;
import io.lwm2mbridge.engine.objects.ObjectCatalog;
import io.lwm2mbridge.engine.queue.QueueMode;
import io.lwm2mbridge.engine.security.ServerIdentity;
import io.lwm2mbridge.engine.security.ServerSecurity;
import io.lwm2mbridge.engine.store.DataDirectory;
import io.lwm2mbridge.engine.store.EmbeddedStore;
import io.lwm2mbridge.engine.store.RecordStore;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.TriggerRunner;
import io.lwm2mbridge.engine.triggers.TriggerService;
import io.lwm2mbridge.engine.triggers.json.RunLogJson;
import io.lwm2mbridge.engine.triggers.json.TriggerJson;
import io.lwm2mbridge.engine.triggers.TriggerTopics;
import io.lwm2mbridge.engine.triggers.TriggerTrial;
import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.sandbox.SandboxSettings;
import io.lwm2mbridge.scripting.sandbox.ScriptSandbox;
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
    private DataDirectory dataDir;
    private EmbeddedStore store;
    private Settings settings;
    private ObjectRegistry registry;
    private ObjectCatalog objectCatalog;
    private ScriptSandbox sandbox;
    private TriggerService triggers;
    private TriggerRunner runner;
    private TriggerTrial trial;
    private EventBus bus;
    private PipelineStats stats;
    private EventLog eventLog;
    private RunLog runLog;
    private Endpoints endpoints;
    private LeshanServer leshan;
    private ServerSecurity security;
    private BootstrapServer bootstrap;
    private HttpApi http;
    private HostServices hostServices;
    private FirmwareServices firmware;
    private QueueMode queueMode;
    private RegistrationGate registrationGate;
    private BridgeMetrics metrics;
    private MqttServices mqttServices;
    private MqttConnections mqtt;

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
        dataDir = DataDirectory.open(config.dataDir());
        store = new EmbeddedStore(config.dataDir(), mapper);
        // the store's file lock is held now: no other server uses this folder's spool
        dataDir.clearSpool();
        if (config.redisUri() != null) {
            // not built yet: say so rather than silently running a single node on the embedded store
            LOG.warn("BRIDGE_REDIS_URI is set, but Redis storage is not implemented yet: this node keeps its state"
                    + " in the embedded store under {}", config.dataDir().toAbsolutePath());
        }
        closeables.add(store);
        settings = new Settings(store.map("settings"));
        ApiToken token = ApiToken.resolve(config.apiToken(), config.dataDir());

        registry = new ObjectRegistry(LeshanModels.builtIns());
        objectCatalog = ObjectCatalog.open(registry, store.map("objects"), config.objectsDir(), store::commit, clock);
        eventLog = new EventLog(store.log("events"), () -> settings.integer(Settings.EVENTS_KEPT),
                () -> settings.integer(Settings.EVENT_DATA_MAX_BYTES));
        runLog = new RunLog(store.log("logs"), RunLogJson.CODEC, clock, () -> settings.integer(Settings.LOGS_KEPT),
                () -> settings.integer(Settings.LOG_LINE_MAX_BYTES));
        stats = new PipelineStats(clock);
        metrics = new BridgeMetrics();
        closeables.add(metrics);
        bus = new EventBus(eventLog, EventJson::write, clock, stats,
                () -> settings.integer(Settings.EVENT_QUEUE_MAX), () -> settings.integer(Settings.EVENT_DATA_MAX_BYTES));
        endpoints = Endpoints.open(new RecordStore<>(store.map("endpoints"), new EndpointRecordCodec()),
                new RecordStore<>(store.map("credentials"), new CredentialsCodec()), clock);
        endpoints.registrations().markAllDisconnected();

        RegistryModelProvider models = new RegistryModelProvider(registry);
        security = ServerSecurity.build(config, settings, endpoints, runLog, clock);
        InboundShedding inboundShedding = new InboundShedding();
        leshan = Lwm2mServerFactory.build(config.bindAddress(), config.coapPort(), config.coapsPort(), models,
                security.store(), security.registrationAuthorizer(), security.dtls(),
                reg -> (int) settings.integer(Settings.QUEUE_AWAKE_TIME_S) * 1000, // Leshan wants ms
                inboundShedding);
        stats.gauge("coap", inboundShedding::snapshot);
        registrationGate = RegistrationGate.install(leshan, endpoints, settings, clock);
        stats.section("registrations", registrationGate::snapshot);
        DeviceMeters deviceMeters = metrics.devices();
        deviceMeters.bind(registrationGate);
        deviceMeters.bind(inboundShedding);
        deviceMeters.bind(security.dtls().handshakes());
        deviceMeters.listenTo(leshan);
        LastKnownValues lastKnown = new LastKnownValues(store.map("last-known"));
        closeables.add(lastKnown);
        endpoints.provisioning().onDeleted(lastKnown::forget);
        DeviceRequests requests = new DeviceRequests(leshan, new ObjectTrees(registry), lastKnown, clock,
                metrics.requestTiming());
        DeviceEvents deviceEvents = new DeviceEvents(bus, endpoints);
        Observations observations = new Observations(requests, deviceEvents);
        leshan.getObservationService().addListener(observations);
        leshan.getRegistrationService().addListener(observations.registrationListener());
        leshan.getSendService().addListener(new SendReceiver(requests, deviceEvents,
                () -> IdFormat.fromOption(settings.string(Settings.TRANSLATE_IDS)), lastKnown));
        DeviceCalls deviceCalls = new DeviceCalls(requests, registry, settings, deviceEvents, lastKnown, observations);
        queueMode = new QueueMode(leshan, settings, store.map("device-queue"), store::commit, bus, endpoints,
                deviceCalls, clock).attach();

        AtomicReference<TriggerService> lateTriggers = new AtomicReference<>();
        HostApi.Builder api = HostApi.builder();
        new Lwm2mFunctions(deviceCalls, registry, () -> settings.integer(Settings.EVENT_DATA_MAX_BYTES)).register(api);
        new LogFunctions(runLog).register(api);
        new TriggerFunctions(name -> lateTriggers.get().byName(name), () -> settings.integer(Settings.REPLY_MAX_BYTES))
                .register(api);
        hostServices = new HostServices(store, settings, endpoints, clock);
        hostServices.register(api);
        // MQTT services share the "services" map with the HTTP ones: one key space, told apart by type
        mqttServices = new MqttServices(store.map("services"), store::commit);
        mqtt = new MqttConnections(mqttServices, () -> settings.integer(Settings.MQTT_BUFFER_MAX));
        closeables.add(mqtt);
        metrics.mqtt().bind(mqtt);
        MqttBridge mqttBridge = MqttBridge.attach(bus, settings, mqtt, new DeviceOperations(deviceCalls, DeviceStatuses::of));
        stats.section("mqttBridge", mqttBridge::snapshot);
        closeables.add(mqttBridge);
        MqttEvents mqttEvents = new MqttEvents(bus, () -> settings.integer(Settings.EVENT_DATA_MAX_BYTES));
        new MqttFunctions(mqtt, mqtt::status, mqttEvents, runLog, () -> settings.integer(Settings.EVENT_DATA_MAX_BYTES),
                () -> Duration.ofSeconds(settings.integer(Settings.MQTT_PUBLISH_TIMEOUT_S))).register(api);
        firmware = FirmwareServices.create(config, store, settings, bus, endpoints, requests, queueMode,
                () -> http == null ? -1 : http.port(), clock);
        deviceMeters.bind(firmware.fota());
        new FirmwareFunctions(firmware.fota(), () -> settings.integer(Settings.EVENT_DATA_MAX_BYTES)).register(api);
        // every function behind the gate that turns a dry run's calls into records (POST /triggers/{id}/try)
        sandbox = new ScriptSandbox(DryRunGate.wrap(api.build(), deviceCalls, registry, settings), sandboxSettings());
        settings.addListener(s -> sandbox.updateSettings(sandboxSettings()));

        triggers = new TriggerService(store.map("triggers"), TriggerJson.CODEC, sandbox, clock, store::commit);
        lateTriggers.set(triggers);
        // mqtt-message triggers: their topics are what the services subscribe to, their messages become events
        TriggerTopics triggerTopics = new TriggerTopics(triggers);
        mqtt.addInterest(triggerTopics);
        triggers.onChanged(mqtt::interestChanged);
        mqtt.onMessage(m -> {
            if (triggerTopics.wants(m.serviceKey(), m.topic())) {
                mqttEvents.message(m);
            }
        });
        runner = new TriggerRunner(triggers, sandbox, runLog, TRIGGER_WORKERS, hostServices::valuesForRun, stats,
                new TriggerRunner.Limits(() -> settings.integer(Settings.TRIGGER_QUEUE_MAX),
                        () -> settings.integer(Settings.TRIGGER_MAX_SHARE),
                        () -> settings.integer(Settings.TRIGGER_AUTO_STOP_AFTER)));
        bus.subscribe(runner::dispatch);
        metrics.pipeline().bind(stats);
        trial = new TriggerTrial(sandbox, hostServices::valuesForRun, clock);
        hostServices.start(bus, triggers, runner, leshan);
        hostServices.every(java.time.Duration.ofMinutes(1), "expiry of unprovisioned endpoint records",
                registrationGate::expireUnprovisioned);

        leshan.getRegistrationService().addListener(new RegistrationEvents(bus, endpoints));
        leshan.start();
        bootstrap = BootstrapServer.start(new BootstrapServer.Parts(config.bindAddress(), config.bootstrapCoapPort(),
                config.bootstrapCoapsPort(), bus, triggers, runner, runLog, endpoints, settings, models,
                store.map("bootstrap-configs"), store.map("bootstrap-history"), security.dtls(), security.store(),
                security.bootstrapAuthorizer(), () -> "coap://" + config.publicHost() + ":" + coapPort(),
                () -> "coaps://" + config.publicHost() + ":" + coapsPort(), clock));
        http = HttpApi.start(config.bindAddress(), config.httpPort(), dataDir.spool(), new ApiParts(
                new ApiParts.Devices(endpoints, deviceCalls, queueMode, observations, bootstrap, registry,
                        objectCatalog),
                hostServices.scriptingParts(triggers, trial, runLog),
                new ApiParts.Firmware(firmware.downloads(), firmware.fota()),
                new ApiParts.Stores(settings, eventLog, hostServices.httpServices(), mqttServices),
                new ApiParts.Operations(bus, stats, metrics, mqtt, token)));
        firmware.open();
        mqtt.start();
        // what was created while starting (store.mv, certificates, the inventory folder) gets 0600/0700 too
        dataDir.secure();
        LOG.info("lwm2m-bridge started: LwM2M coap://{}:{}, HTTP http://{}:{}/api/v1, data in {}, scripts on {}",
                config.bindAddress(), coapPort(), config.bindAddress(), httpPort(), config.dataDir().toAbsolutePath(),
                sandbox.engineDescription());
    }

    private SandboxSettings sandboxSettings() {
        return new SandboxSettings(
                Duration.ofMillis(settings.integer(Settings.SCRIPT_CPU_BUDGET_MS)),
                Duration.ofSeconds(settings.integer(Settings.SCRIPT_WALL_CLOCK_LIMIT_S)),
                TRIGGER_WORKERS,
                settings.integer(Settings.SCRIPT_ALLOCATION_BUDGET_MB) << 20);
    }

    /** The UDP port of the LwM2M server's DTLS listener. */
    public int coapsPort() {
        return Lwm2mServerFactory.coapsPort(leshan);
    }

    public int bootstrapCoapPort() {
        return bootstrap.coapPort();
    }

    public int bootstrapCoapsPort() {
        return bootstrap.coapsPort();
    }

    /** The stored bootstrap configurations and outcome history. */
    public BootstrapServer bootstrap() {
        return bootstrap;
    }

    /** The server's X.509 identity and trusted CAs, as read or generated at start. */
    public ServerIdentity serverIdentity() {
        return security.dtls().identity();
    }

    public Endpoints endpoints() {
        return endpoints;
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

    /** The bounds and checks in front of Leshan's registration resource. */
    public RegistrationGate registrationGate() {
        return registrationGate;
    }

    /** What the event pipeline passed and shed. */
    public PipelineStats stats() {
        return stats;
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

    /** Calls held for sleeping queue-mode devices. */
    public QueueMode queueMode() {
        return queueMode;
    }

    /** The MQTT broker connections, one per MQTT service. */
    public MqttConnections mqtt() {
        return mqtt;
    }

    public LeshanServer leshan() {
        return leshan;
    }

    /** Stops accepting, lets queued work finish, and flushes the store. Safe to call twice. */
    @Override
    public void close() {
        stopQuietly(http);
        // before the LwM2M server: requests it cancels while stopping must not end firmware updates
        stopQuietly(firmware);
        stopQuietly(bootstrap);
        bootstrap = null;
        if (leshan != null) {
            try {
                leshan.destroy();
            } catch (RuntimeException e) {
                LOG.warn("stopping the LwM2M server failed", e);
            }
        }
        stopQuietly(hostServices);
        stopQuietly(queueMode);
        stopQuietly(runner);
        stopQuietly(trial);
        stopQuietly(bus);
        stopQuietly(sandbox);
        for (int i = closeables.size() - 1; i >= 0; i--) {
            stopQuietly(closeables.get(i));
        }
        closeables.clear();
        http = null;
        leshan = null;
        runner = null;
        trial = null;
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
