package io.lwm2mbridge.engine.factory;

import io.lwm2mbridge.engine.api.ApiToken;
import io.lwm2mbridge.engine.bootstrap.BootstrapServer;
import io.lwm2mbridge.engine.cache.SharedCache;
import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventLog;
import io.lwm2mbridge.engine.events.PipelineStats;
import io.lwm2mbridge.engine.firmware.FirmwareDownloads;
import io.lwm2mbridge.engine.firmware.fota.FotaService;
import io.lwm2mbridge.engine.generic.GenericCalls;
import io.lwm2mbridge.engine.globals.GlobalValues;
import io.lwm2mbridge.engine.device.DeviceCalls;
import io.lwm2mbridge.engine.lwm2m.requests.Observations;
import io.lwm2mbridge.engine.metrics.BridgeMetrics;
import io.lwm2mbridge.engine.mqtt.MqttConnections;
import io.lwm2mbridge.engine.mqtt.MqttServices;
import io.lwm2mbridge.engine.objects.ObjectCatalog;
import io.lwm2mbridge.engine.queue.QueueMode;
import io.lwm2mbridge.engine.reports.ReportService;
import io.lwm2mbridge.engine.services.HttpServices;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.TriggerService;
import io.lwm2mbridge.engine.triggers.TriggerTrial;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.micronaut.context.BeanContext;

/**
 * Everything the HTTP controllers are given, grouped by the part of the server it comes from. The composition
 * root ({@code BridgeServer}) fills these records; {@link HttpApi} registers each field as a singleton of its
 * declared type, so a controller asks for a {@code QueueMode} and gets this server's one, and a service that
 * is missing here fails at compile time rather than when a request first needs it.
 */
public record ApiParts(Devices devices, Scripting scripting, Firmware firmware, Stores stores, Operations operations) {

    /** Reaching devices: their records, calls, held queue, observations, bootstrap, and the objects they speak. */
    public record Devices(Endpoints endpoints, DeviceCalls calls, QueueMode queueMode, Observations observations,
            BootstrapServer bootstrap, ObjectRegistry registry, ObjectCatalog objects) {
    }

    /** What triggers and scripts use and the API shows: definitions, trial runs, logs and the host objects' stores. */
    public record Scripting(TriggerService triggers, TriggerTrial trial, RunLog runLog, GenericCalls genericCalls,
            SharedCache cache, GlobalValues globals, ReportService reports) {
    }

    /** The firmware inventory's download links and the update jobs. */
    public record Firmware(FirmwareDownloads downloads, FotaService fota) {
    }

    /** Stored configuration and history: settings, the event log, the HTTP and MQTT services. */
    public record Stores(Settings settings, EventLog eventLog, HttpServices httpServices,
            MqttServices mqttServices) {
    }

    /** Running the server: the event pipeline and its counters, metrics, the broker connections and the API token. */
    public record Operations(EventBus bus, PipelineStats stats, BridgeMetrics metrics, MqttConnections mqtt,
            ApiToken token) {
    }

    /** Registers every part as a singleton of its declared type. */
    void registerIn(BeanContext context) {
        context.registerSingleton(Endpoints.class, devices.endpoints());
        context.registerSingleton(DeviceCalls.class, devices.calls());
        context.registerSingleton(QueueMode.class, devices.queueMode());
        context.registerSingleton(Observations.class, devices.observations());
        context.registerSingleton(BootstrapServer.class, devices.bootstrap());
        context.registerSingleton(ObjectRegistry.class, devices.registry());
        context.registerSingleton(ObjectCatalog.class, devices.objects());

        context.registerSingleton(TriggerService.class, scripting.triggers());
        context.registerSingleton(TriggerTrial.class, scripting.trial());
        context.registerSingleton(RunLog.class, scripting.runLog());
        context.registerSingleton(GenericCalls.class, scripting.genericCalls());
        context.registerSingleton(SharedCache.class, scripting.cache());
        context.registerSingleton(GlobalValues.class, scripting.globals());
        context.registerSingleton(ReportService.class, scripting.reports());

        context.registerSingleton(FirmwareDownloads.class, firmware.downloads());
        context.registerSingleton(FotaService.class, firmware.fota());

        context.registerSingleton(Settings.class, stores.settings());
        context.registerSingleton(EventLog.class, stores.eventLog());
        context.registerSingleton(HttpServices.class, stores.httpServices());
        context.registerSingleton(MqttServices.class, stores.mqttServices());

        context.registerSingleton(EventBus.class, operations.bus());
        context.registerSingleton(PipelineStats.class, operations.stats());
        context.registerSingleton(BridgeMetrics.class, operations.metrics());
        context.registerSingleton(MqttConnections.class, operations.mqtt());
        context.registerSingleton(ApiToken.class, operations.token());
    }
}
