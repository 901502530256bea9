package io.lwm2mbridge.engine;

import com.github.benmanes.caffeine.cache.Ticker;
import io.lwm2mbridge.engine.cache.SharedCache;
import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.EmptyData;
import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.factory.ApiParts;
import io.lwm2mbridge.engine.generic.GenericCalls;
import io.lwm2mbridge.engine.globals.GlobalValues;
import io.lwm2mbridge.engine.globals.json.GlobalsJson;
import io.lwm2mbridge.engine.host.CacheFunctions;
import io.lwm2mbridge.engine.host.ConvertFunctions;
import io.lwm2mbridge.engine.host.EndpointFunctions;
import io.lwm2mbridge.engine.host.ExecFunctions;
import io.lwm2mbridge.engine.host.HttpFunctions;
import io.lwm2mbridge.engine.host.MobileNetworks;
import io.lwm2mbridge.engine.host.RandomFunctions;
import io.lwm2mbridge.engine.host.ReportFunctions;
import io.lwm2mbridge.engine.reports.ReportService;
import io.lwm2mbridge.engine.reports.json.ReportJson;
import io.lwm2mbridge.engine.scheduling.CronEvents;
import io.lwm2mbridge.engine.scheduling.HeardFromDevices;
import io.lwm2mbridge.engine.scheduling.Heartbeat;
import io.lwm2mbridge.engine.scheduling.MissingEndpoints;
import io.lwm2mbridge.engine.scheduling.OnceEvents;
import io.lwm2mbridge.engine.services.HttpCaller;
import io.lwm2mbridge.engine.services.HttpServices;
import io.lwm2mbridge.engine.services.json.HttpServiceCodec;
import io.lwm2mbridge.engine.store.EmbeddedStore;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.Trigger;
import io.lwm2mbridge.engine.triggers.TriggerRunner;
import io.lwm2mbridge.engine.triggers.TriggerService;
import io.lwm2mbridge.engine.triggers.TriggerTrial;
import io.lwm2mbridge.scripting.HostApi;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.leshan.server.LeshanServer;

/**
 * The services behind the host objects other than {@code lwm2m} ({@code exec}, {@code cache},
 * {@code global}, {@code endpoint}, {@code report}, {@code http}, {@code random}, {@code convert})
 * and the time-driven events ({@code cron-event}, {@code once-event}, {@code lwm2m-missing}), built
 * in two steps because the host functions exist before the trigger runner they call back into:
 * {@link #register} before the sandbox is built, {@link #start} once the runner is.
 */
final class HostServices implements AutoCloseable {

    private final Settings settings;
    private final Endpoints endpoints;
    private final Clock clock;
    private final SharedCache cache;
    private final GlobalValues globals;
    private final ReportService reports;
    private final HttpServices services;
    private final HttpCaller httpCaller;
    private final AtomicReference<GenericCalls> genericCalls = new AtomicReference<>();
    private final Heartbeat heartbeat = new Heartbeat();

    HostServices(EmbeddedStore store, Settings settings, Endpoints endpoints, Clock clock) {
        this.settings = settings;
        this.endpoints = endpoints;
        this.clock = clock;
        this.cache = new SharedCache(settings.integer(Settings.CACHE_MAX_ENTRIES), Ticker.systemTicker());
        settings.addListener(s -> cache.resize(s.integer(Settings.CACHE_MAX_ENTRIES)));
        this.globals = new GlobalValues(store.map("globals"), GlobalsJson.CODEC, store::commit);
        this.reports = new ReportService(store.map("reports"), key -> store.map("report-rows/" + key),
                ReportJson.CODECS, clock, store::commit);
        this.services = new HttpServices(store.map("services"), new HttpServiceCodec(), store::commit);
        this.httpCaller = new HttpCaller(() -> settings.string(Settings.HTTP_ALLOWED_HOSTS));
    }

    void register(HostApi.Builder api) {
        api.value("global.values");
        new ExecFunctions(genericCalls::get,
                () -> Duration.ofSeconds(settings.integer(Settings.EXEC_SYNC_TIMEOUT_S)),
                () -> settings.integer(Settings.EVENT_DATA_MAX_BYTES)).register(api);
        new CacheFunctions(cache).register(api);
        new EndpointFunctions(endpoints).register(api);
        new ReportFunctions(reports).register(api);
        new HttpFunctions(httpCaller, services, () -> Duration.ofSeconds(settings.integer(Settings.HTTP_TIMEOUT_S)))
                .register(api);
        new RandomFunctions().register(api);
        new ConvertFunctions(MobileNetworks.builtIn()).register(api);
    }

    /** What every run finds on its host objects: {@code global.values}. */
    Map<String, Object> valuesForRun() {
        Map<String, Object> global = new LinkedHashMap<>();
        global.put("values", globals.forScripts());
        return Map.of("global", global);
    }

    /** Wires what needs the runner: generic calls, schedules, once-events, the missing check and "heard from" hooks. */
    void start(EventBus bus, TriggerService triggers, TriggerRunner runner, LeshanServer leshan) {
        genericCalls.set(new GenericCalls(bus, triggers, runner));
        CronEvents cron = new CronEvents(triggers::list, t -> fire(bus, EventType.CRON_EVENT, t), clock);
        OnceEvents once = new OnceEvents(t -> fire(bus, EventType.ONCE_EVENT, t));
        triggers.onStarted(once::started);
        once.serverStarted(triggers.list());
        MissingEndpoints missing = new MissingEndpoints(endpoints, bus, clock,
                () -> Duration.ofSeconds(settings.integer(Settings.TIME_BEFORE_MISSING_S)));
        heartbeat.every(Duration.ofMillis(250), "cron schedules", cron::tick);
        heartbeat.every(Duration.ofSeconds(1), "missing-endpoint check", missing::check);
        HeardFromDevices heard = new HeardFromDevices(endpoints);
        leshan.getObservationService().addListener(heard);
        leshan.getSendService().addListener(heard);
        if (leshan.getPresenceService() != null) {
            leshan.getPresenceService().addListener(heard);
        }
    }

    /** Runs a quick periodic check on the scheduler thread. */
    void every(Duration period, String name, Runnable check) {
        heartbeat.every(period, name, check);
    }

    private static void fire(EventBus bus, EventType type, Trigger t) {
        bus.publish(type, null, EmptyData.INSTANCE, Event.Routing.trigger(t.id()));
    }

    /** What the HTTP API shows of scripting: the given trigger parts and this class's generic calls and stores. */
    ApiParts.Scripting scriptingParts(TriggerService triggers, TriggerTrial trial, RunLog runLog) {
        return new ApiParts.Scripting(triggers, trial, runLog, genericCalls.get(), cache, globals, reports);
    }

    /** The stored HTTP services, which the API lists and edits. */
    HttpServices httpServices() {
        return services;
    }

    @Override
    public void close() {
        heartbeat.close();
        httpCaller.close();
    }
}
