package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.DeviceException;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.json.CallResults;
import io.lwm2mbridge.engine.lwm2m.requests.ObservationRegistry.Entry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.CancelCompositeObservationRequest;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;

/**
 * The end of script observations ({@link Observations}), by token or by path: the registry forgets
 * them at once, and the device is told (Cancel-Observation) when no other script observation shares
 * its Leshan observation. Futures never fail.
 */
public final class Cancellations {

    private final DeviceRequests requests;
    private final ObservationRegistry registry;
    private final EndedSessions ended;

    Cancellations(DeviceRequests requests, ObservationRegistry registry, EndedSessions ended) {
        this.requests = requests;
        this.registry = registry;
        this.ended = ended;
    }

    /**
     * Cancels one script observation. The device is told (and Leshan forgets the observation) only
     * when no other script observation shares it; the outcome is a success once the server no longer
     * delivers its notifications, even if the device did not answer the cancel. The outcome's result
     * lists the token under {@code cancelled}.
     *
     * @throws DeviceException when that endpoint has no observation with this token
     */
    public CompletableFuture<CallOutcome> cancel(String endpoint, String token, Duration timeout) throws DeviceException {
        Entry entry = registry.get(token);
        if (entry == null || !entry.endpoint().equals(endpoint)) {
            throw new DeviceException(new DeviceFailure.NoObservation(endpoint, token));
        }
        registry.remove(token);
        List<String> texts = entry.pathTexts();
        CallOutcome outcome = CallOutcome.success(texts, CallResults.cancelled(List.of(token)));
        CompletableFuture<CallOutcome> done = CompletableFuture.completedFuture(outcome);
        if (!registry.sharing(entry.key()).isEmpty()) {
            return done;
        }
        LeshanServer server = requests.server();
        Registration reg = server.getRegistrationService().getById(entry.registrationId());
        if (reg == null) {
            return done;
        }
        List<CompletableFuture<?>> cancels = new ArrayList<>();
        for (Observation o : server.getObservationService().getObservations(reg)) {
            if (!ObservationRegistry.keyOf(o).equals(entry.key())) {
                continue;
            }
            CompletableFuture<?> active = o instanceof SingleObservation single
                    ? requests.send(reg, new CancelObservationRequest(single), timeout)
                    : requests.send(reg, new CancelCompositeObservationRequest((CompositeObservation) o), timeout);
            // whatever the device said, the server stops listening
            cancels.add(active.whenComplete((answer, error) -> server.getObservationService().cancelObservation(o)));
        }
        return CompletableFuture.allOf(cancels.toArray(CompletableFuture[]::new))
                .handle((v, error) -> outcome);
    }

    /**
     * Cancels every script observation of exactly that path on that endpoint (single observations;
     * a composite one is cancelled by its token), including those waiting to be re-established on
     * the endpoint's next registration. No observation of the path is no error: the outcome's
     * result then lists no token.
     *
     * @return a success whose result holds {@code cancelled}: the tokens of the observations ended
     * @throws DeviceException when the endpoint is not registered
     */
    public CompletableFuture<CallOutcome> cancelPath(String endpoint, LwM2mPath path, Duration timeout)
            throws DeviceException {
        requests.registration(endpoint);
        List<String> tokens = new ArrayList<>();
        List<CompletableFuture<CallOutcome>> cancels = new ArrayList<>();
        for (Entry entry : registry.ofPath(endpoint, path)) {
            try {
                cancels.add(cancel(endpoint, entry.token(), timeout));
                tokens.add(entry.token());
            } catch (DeviceException e) {
                // cancelled meanwhile by its token, or its registration ended: nothing left to end
            }
        }
        tokens.addAll(ended.takePath(endpoint, path));
        return CompletableFuture.allOf(cancels.toArray(CompletableFuture[]::new))
                .handle((v, error) -> CallOutcome.success(List.of(DeviceRequests.text(path)), CallResults.cancelled(tokens)));
    }
}
