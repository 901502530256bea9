package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.device.CallParser;
import io.lwm2mbridge.engine.device.DeviceCalls;
import io.lwm2mbridge.engine.device.api.DryDeviceCalls;
import io.lwm2mbridge.engine.triggers.DryRun;
import io.lwm2mbridge.engine.triggers.RunLog;
import io.lwm2mbridge.engine.triggers.TriggerRun;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.HostFunction;
import io.lwm2mbridge.scripting.JsonBridge;
import io.lwm2mbridge.scripting.ScriptRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts a gate in front of every host function: a real run passes straight through; a dry run
 * ({@link TriggerRun#dryRun()} set) reaches nothing outside the server. In a dry run,
 * <ul>
 * <li>functions that only compute ({@code random.*}, {@code convert.*}, {@code trigger.*},
 *     {@code lwm2m.getObjectDef}) run as usual and are not recorded;</li>
 * <li>{@code log.*} lines go to the dry run, not to the run log;</li>
 * <li>functions that only read what the server holds ({@code lwm2m.lastKnown}, {@code cache.get},
 *     {@code endpoint.get/search/searchOne/storageGet}) run and are recorded as done;</li>
 * <li>every other function, and any added later that this class does not name, is recorded as not
 *     done and answered by a stand-in: device calls as {@link DryDeviceCalls} answers them, {@code
 *     http.*} with {@code {status: 200, headers: {}, body: null}}, {@code mqtt.publish} with nothing once its
 *     arguments pass the checks the real call makes (nothing is sent, no {@code mqtt-result} follows),
 *     {@code report.publish} with the row it
 *     would merge, {@code endpoint.update*} with the endpoint as it is, {@code lwm2m.firmwareUpdate} with
 *     a job that never starts, the rest with null.</li>
 * </ul>
 * Called on the run's worker thread, like the functions it guards.
 */
public final class DryRunGate {

    private static final Set<String> COMPUTE_ONLY = Set.of("random", "convert", "trigger");
    private static final Set<String> READ_ONLY = Set.of("lwm2m.lastKnown", "cache.get", "endpoint.get",
            "endpoint.search", "endpoint.searchOne", "endpoint.storageGet");

    private final Map<String, HostFunction> real;
    private final CallParser parser;
    private final DryDeviceCalls devices;

    private DryRunGate(HostApi real, DeviceCalls calls, ObjectRegistry registry, Settings settings) {
        this.real = real.functions();
        this.parser = calls.parser();
        this.devices = new DryDeviceCalls(calls, registry, settings);
    }

    /** {@code api} with every function behind the gate. */
    public static HostApi wrap(HostApi api, DeviceCalls calls, ObjectRegistry registry, Settings settings) {
        DryRunGate gate = new DryRunGate(api, calls, registry, settings);
        HostApi.Builder out = HostApi.builder().addAll(api);
        api.functions().forEach((name, function) -> out.add(name, gate.guard(name, function)));
        return out.build();
    }

    private HostFunction guard(String name, HostFunction function) {
        String object = name.substring(0, name.indexOf('.'));
        if (COMPUTE_ONLY.contains(object) || name.equals("lwm2m.getObjectDef")) {
            return function;
        }
        return (run, args) -> {
            DryRun dry = TriggerRun.dryRunOf(run.attachment());
            if (dry == null) {
                return function.call(run, args);
            }
            if (object.equals("log")) {
                log(dry, run, name.substring("log.".length()), args);
                return null;
            }
            boolean done = READ_ONLY.contains(name);
            try {
                Object result = done ? function.call(run, args) : standIn(name, run, args);
                dry.call(name, args, done, result, null);
                return result;
            } catch (HostCallException e) {
                dry.call(name, args, done, null, e.getMessage());
                throw e;
            }
        };
    }

    private static void log(DryRun dry, ScriptRun run, String level, List<Object> args) {
        TriggerRun tr = (TriggerRun) run.attachment();
        Object message = args.isEmpty() ? "" : args.get(0);
        String text = message instanceof String s ? s : JsonBridge.toJson(message);
        dry.log(RunLog.LEVELS.contains(level) ? level : "info", tr.endpointKey(), text, args.size() > 1 ? args.get(1) : null);
    }

    private Object standIn(String name, ScriptRun run, List<Object> list) throws Exception {
        if (name.startsWith("lwm2m.") && parser.functions().containsKey(name.substring("lwm2m.".length()))) {
            return devices.answer(parser.parse(name.substring("lwm2m.".length()), list));
        }
        return switch (name) {
            case "http.get", "http.post" -> {
                Args args = Args.of(name, list);
                if (!(args.get(0) instanceof String s) || s.isEmpty()) {
                    throw args.type("the first argument must be a URL (or a service key), not " + Args.describe(args.get(0)));
                }
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("status", 200);
                response.put("headers", new LinkedHashMap<>());
                response.put("body", null);
                yield response;
            }
            case "mqtt.publish" -> {
                MqttFunctions.request(Args.of(name, list));
                yield null;
            }
            case "report.publish" -> {
                Args args = Args.of(name, list);
                Map<String, Object> given = args.optionalObject(3, "the row ({name, values})");
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("key", args.text(1, "rowKey"));
                row.put("name", given.get("name"));
                row.put("ts", args.get(2));
                row.put("values", given.get("values"));
                args.string(0, "reportKey");
                yield row;
            }
            case "endpoint.update", "endpoint.updateTags" -> real.get("endpoint.get").call(run, list.subList(0, Math.min(1, list.size())));
            case "cache.del" -> real.get("cache.get").call(run, list.subList(0, Math.min(1, list.size()))) != null;
            case "lwm2m.firmwareUpdate" -> {
                Args args = Args.of(name, list);
                Map<String, Object> job = new LinkedHashMap<>();
                job.put("endpoint", args.string(0, "the endpoint key"));
                job.put("target", args.string(1, "the file or URI"));
                job.put("phase", "not started (dry run)");
                yield job;
            }
            case "lwm2m.firmwareCancel" -> false;
            default -> null;
        };
    }
}
