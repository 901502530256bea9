package io.lwm2mbridge.engine.firmware.api;

import io.lwm2mbridge.engine.firmware.fota.FotaException;
import io.lwm2mbridge.engine.firmware.fota.FotaOptions;
import io.lwm2mbridge.engine.firmware.fota.FotaService;
import io.lwm2mbridge.engine.firmware.fota.JobRecord;
import io.lwm2mbridge.engine.firmware.fota.json.FotaJobJson;
import io.lwm2mbridge.engine.host.ValueBounds;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.ScriptRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * {@code lwm2m.firmwareUpdate(ep, fileOrUri, opts)} and {@code lwm2m.firmwareCancel(ep)}. Both return
 * once the FOTA service has taken the request, without waiting for the device: the update's progress
 * arrives as {@code lwm2m-firmware-update-status} events and its end as one {@code -complete} event.
 *
 * @param contextMax what the {@code context} option may hold ({@code event_data_max_bytes}); a larger one throws
 */
public record FirmwareFunctions(FotaService fota, LongSupplier contextMax) {

    /** The FOTA thread answers at once; this only bounds a wait for a server that is stopping. */
    private static final Duration ANSWER = Duration.ofSeconds(10);

    public void register(HostApi.Builder api) {
        api.add("lwm2m.firmwareUpdate", this::firmwareUpdate);
        api.add("lwm2m.firmwareCancel", this::firmwareCancel);
    }

    /** Returns the job: {@code {id, endpoint, file, uri, phase, ...}}, as {@code GET /fota} shows it. */
    Object firmwareUpdate(ScriptRun run, List<Object> args) throws HostCallException {
        String endpoint = endpoint("lwm2m.firmwareUpdate", args);
        Object target = args.size() > 1 ? args.get(1) : null;
        if (!(target instanceof String s) || s.isBlank()) {
            throw HostCallException.typeError("lwm2m.firmwareUpdate: the second argument must be the name of a file in the"
                    + " inventory or a full URI");
        }
        ValueBounds.checkContext("lwm2m.firmwareUpdate", args, contextMax.getAsLong());
        FotaOptions options;
        try {
            options = FotaOptionsReader.read(options("lwm2m.firmwareUpdate", args, 2));
        } catch (FotaException e) {
            throw HostCallException.typeError("lwm2m.firmwareUpdate: " + e.getMessage());
        }
        JobRecord job = run.await(fota.start(endpoint, s.trim(), options).exceptionallyCompose(FirmwareFunctions::explain),
                ANSWER, "lwm2m.firmwareUpdate: the firmware update service did not answer");
        return FotaJobJson.view(job);
    }

    /** Returns true when an update was cancelled, false when none was in progress. */
    Object firmwareCancel(ScriptRun run, List<Object> args) throws HostCallException {
        String endpoint = endpoint("lwm2m.firmwareCancel", args);
        Optional<JobRecord> ended = run.await(fota.cancel(endpoint)
                .exceptionallyCompose(FirmwareFunctions::explain), ANSWER,
                "lwm2m.firmwareCancel: the firmware update service did not answer");
        return ended.isPresent();
    }

    private static <T> CompletableFuture<T> explain(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return CompletableFuture.failedFuture(cause instanceof FotaException f
                ? new HostCallException(f.getMessage()) : cause);
    }

    private static String endpoint(String function, List<Object> args) throws HostCallException {
        Object ep = args.isEmpty() ? null : args.get(0);
        if (!(ep instanceof String s) || s.isBlank()) {
            throw HostCallException.typeError(function + ": the first argument must be the endpoint key");
        }
        return s;
    }

    /** The options object at {@code index}: absent or null means none; anything else but an object is an error. */
    private static Map<?, ?> options(String function, List<Object> args, int index) throws HostCallException {
        Object o = args.size() > index ? args.get(index) : null;
        if (o == null) {
            return Map.of();
        }
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw HostCallException.typeError(function + ": the options must be an object");
    }
}
