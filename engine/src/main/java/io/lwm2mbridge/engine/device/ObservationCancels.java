package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.engine.device.DeviceOperation.CancelTarget;
import io.lwm2mbridge.engine.lwm2m.DeviceException;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.json.CallResults;
import io.lwm2mbridge.engine.lwm2m.requests.CallOutcome;
import io.lwm2mbridge.engine.lwm2m.requests.ObservationRegistry;
import io.lwm2mbridge.engine.lwm2m.requests.Observations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code observeCancel}: ends observations by the token {@code observe} returned, or every observation
 * of a path on the endpoint; the result lists the tokens it ended under {@code cancelled}. Unlike the
 * other operations it is never held for a sleeping device: ending an observation is the server's
 * business first, and the device is told when it can be.
 */
final class ObservationCancels {

    private final Observations observations;
    private final CallFlow flow;

    ObservationCancels(Observations observations, CallFlow flow) {
        this.observations = observations;
        this.flow = flow;
    }

    PendingCall cancel(DeviceOperation.ObserveCancel cancel, CallOptions options, Duration timeout) {
        String endpoint = cancel.endpoint();
        List<String> pathNames = new ArrayList<>();
        List<CompletableFuture<CallOutcome>> parts = new ArrayList<>();
        for (CancelTarget target : cancel.targets()) {
            switch (target) {
                case CancelTarget.OfPath p -> {
                    String text = DeviceRequests.text(p.path());
                    try {
                        parts.add(observations.cancellations().cancelPath(endpoint, p.path(), timeout));
                    } catch (DeviceException e) {
                        return flow.notFound(endpoint, "observeCancel", List.of(text), options, e);
                    }
                    pathNames.add(text);
                }
                case CancelTarget.Token t -> {
                    ObservationRegistry.Entry entry = observations.registry().get(t.token());
                    try {
                        parts.add(observations.cancellations().cancel(endpoint, t.token(), timeout));
                    } catch (DeviceException e) {
                        return flow.notFound(endpoint, "observeCancel", pathNames, options, e);
                    }
                    pathNames.addAll(entry.pathTexts()); // cancel found it, so it was there
                }
            }
        }
        CompletableFuture<CallOutcome> future = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    List<String> cancelled = new ArrayList<>();
                    for (CompletableFuture<CallOutcome> part : parts) {
                        if (part.join().result().get("cancelled") instanceof List<?> tokens) {
                            tokens.forEach(token -> cancelled.add((String) token));
                        }
                    }
                    return CallOutcome.success(pathNames, CallResults.cancelled(cancelled));
                });
        return flow.finish(endpoint, "observeCancel", pathNames, options, timeout, future,
                out -> CallFlow.plainResult("observeCancel", out));
    }
}
