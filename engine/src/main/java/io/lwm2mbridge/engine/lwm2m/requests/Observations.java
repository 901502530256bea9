package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.json.CallResults;
import io.lwm2mbridge.engine.lwm2m.json.ObjectTree;
import io.lwm2mbridge.engine.lwm2m.Answer;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.requests.ObservationRegistry.Entry;
import io.lwm2mbridge.objects.IdFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.CompositeObservation;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ObserveCompositeRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ObserveCompositeResponse;
import org.eclipse.leshan.core.response.ObserveResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.observation.ObservationListener;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observe, Observe-Composite and the notifications that follow; their cancellation is {@link
 * Cancellations}, their life across registrations {@link ObservationSessions}. Each
 * observation a script asks for has its own token and context ({@link ObservationRegistry}); every
 * notification, the first Observe response included, reaches the {@link DataListener} once per
 * script observation it belongs to, for as long as that observation lives. Leshan calls the listener
 * methods on its protocol threads; they only decode, remember and hand over, so they return quickly.
 */
public final class Observations implements ObservationListener {

    private static final Logger LOG = LoggerFactory.getLogger(Observations.class);

    /** A device that answered an Observe without starting the observation. */
    private static final DeviceFailure NOT_ACCEPTED = new DeviceFailure.NotCompleted("error",
            "the device answered without accepting the observation");

    private final DeviceRequests requests;
    private final DataListener listener;
    private final ObservationRegistry registry = new ObservationRegistry();
    /** Script observations of registrations that just ended: re-established if a new one replaces it. */
    private final EndedSessions ended = new EndedSessions();
    private final Cancellations cancellations;
    private final ObservationSessions sessions;
    /** Tokens whose first Observe response has not been handled yet. */
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    public Observations(DeviceRequests requests, DataListener listener) {
        this.requests = requests;
        this.listener = listener;
        this.cancellations = new Cancellations(requests, registry, ended);
        this.sessions = new ObservationSessions(this, requests, registry, ended, listener);
    }

    /** Where script observations are ended, by token or by path. */
    public Cancellations cancellations() {
        return cancellations;
    }

    public ObservationRegistry registry() {
        return registry;
    }

    /**
     * Observes each path on its own, or all of them in one Observe-Composite. A successful outcome's
     * result holds {@code tokens}: {@code {"3/0/13": "<token>"}}, or {@code {composite: "<token>"}}.
     */
    public CompletableFuture<CallOutcome> observe(Registration reg, List<LwM2mPath> paths, boolean composite,
            ContentFormat format, IdFormat ids, Object context, Duration timeout) {
        List<String> texts = paths.stream().map(DeviceRequests::text).toList();
        if (composite) {
            if (!DeviceRequests.supportsComposite(reg)) {
                return CompletableFuture.completedFuture(CallOutcome.failAll(texts, DeviceRequests.compositeRefused(reg)));
            }
            return observeComposite(reg, paths, texts, format, ids, context, timeout);
        }
        List<CompletableFuture<DeviceFailure>> parts = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        List<ObserveRequest> built = new ArrayList<>();
        for (LwM2mPath path : paths) {
            // built first: Leshan refuses a bad request here, before any observation is registered
            built.add(new ObserveRequest(requests.encodings().read(reg, path, format), path, null));
        }
        for (ObserveRequest request : built) {
            Entry entry = start(reg, List.of(request.getPath()), false, ids, context);
            entries.add(entry);
            parts.add(requests.send(reg, request, timeout).thenApply(answer -> firstResponse(entry, reg, answer)));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, String> tokens = new LinkedHashMap<>();
            Map<String, DeviceFailure> errors = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                DeviceFailure error = parts.get(i).join();
                if (error == null) {
                    tokens.put(texts.get(i), entries.get(i).token());
                } else {
                    errors.put(texts.get(i), error);
                }
            }
            return new CallOutcome(texts, errors, CallResults.tokens(tokens));
        });
    }

    private CompletableFuture<CallOutcome> observeComposite(Registration reg, List<LwM2mPath> paths, List<String> texts,
            ContentFormat format, IdFormat ids, Object context, Duration timeout) {
        ContentFormat f = requests.encodings().composite(reg, format);
        ObserveCompositeRequest request = new ObserveCompositeRequest(f, f, paths, null);
        Entry entry = start(reg, paths, true, ids, context);
        return requests.send(reg, request, timeout).thenApply(answer -> {
            DeviceFailure error = firstCompositeResponse(entry, reg, answer);
            if (error != null) {
                return CallOutcome.failAll(texts, error);
            }
            return CallOutcome.success(texts, CallResults.tokens(new LinkedHashMap<>(Map.of("composite", entry.token()))));
        });
    }

    /** Marks a script observation as waiting for its first Observe response. */
    void awaitFirst(Entry entry) {
        pending.add(entry.token());
    }

    private Entry start(Registration reg, List<LwM2mPath> paths, boolean composite, IdFormat ids, Object context) {
        Entry entry = registry.add(reg.getEndpoint(), reg.getId(), paths, composite, ids, context);
        pending.add(entry.token());
        return entry;
    }

    /** Delivers the first response to its own observation only; returns null, or why it failed. */
    DeviceFailure firstResponse(Entry entry, Registration reg, Answer<ObserveResponse> answer) {
        try {
            if (!answer.ok()) {
                drop(entry);
                return answer.failure();
            }
            ObserveResponse response = answer.response();
            if (response.getObservation() == null) {
                drop(entry);
                return NOT_ACCEPTED;
            }
            LwM2mPath path = entry.paths().get(0);
            Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
            if (response.getContent() != null) {
                nodes.put(path, response.getContent());
            }
            requests.remember(reg, nodes);
            deliver(entry, reg, nodes);
            return null;
        } finally {
            pending.remove(entry.token());
        }
    }

    DeviceFailure firstCompositeResponse(Entry entry, Registration reg, Answer<ObserveCompositeResponse> answer) {
        try {
            if (!answer.ok()) {
                drop(entry);
                return answer.failure();
            }
            if (answer.response().getObservation() == null) {
                drop(entry);
                return NOT_ACCEPTED;
            }
            Map<LwM2mPath, LwM2mNode> nodes = answer.response().getContent();
            requests.remember(reg, nodes);
            deliver(entry, reg, nodes);
            return null;
        } finally {
            pending.remove(entry.token());
        }
    }

    /** Tells the registry to forget observations of registrations that ended, and re-establishes replaced ones. */
    public RegistrationListener registrationListener() {
        return sessions;
    }

    // ObservationListener: called by Leshan on protocol threads

    @Override
    public void newObservation(Observation observation, Registration registration) {
        // handled through the Observe response itself
    }

    @Override
    public void cancelled(Observation observation) {
        sweep(observation.getRegistrationId(), ObservationRegistry.keyOf(observation));
    }

    @Override
    public void onResponse(SingleObservation observation, Registration registration, ObserveResponse response) {
        Map<LwM2mPath, LwM2mNode> nodes = new LinkedHashMap<>();
        if (response.isSuccess() && response.getContent() != null) {
            nodes.put(observation.getPath(), response.getContent());
        }
        received(observation, registration, response, nodes);
    }

    @Override
    public void onResponse(CompositeObservation observation, Registration registration, ObserveCompositeResponse response) {
        received(observation, registration, response, response.getContent() == null ? Map.of() : response.getContent());
    }

    /** A notification (or the first answer) of an observation: to every observer that shares it. */
    private void received(Observation observation, Registration registration, LwM2mResponse response,
            Map<LwM2mPath, LwM2mNode> nodes) {
        List<Entry> entries = registry.sharing(ObservationRegistry.keyOf(observation));
        if (!response.isSuccess()) {
            notifyFailed(entries, new DeviceFailure.ErrorCode(response.getCode()));
            return;
        }
        requests.remember(registration, nodes);
        for (Entry e : entries) {
            if (!pending.contains(e.token())) {
                deliver(e, registration, nodes);
            }
        }
    }

    @Override
    public void onError(Observation observation, Registration registration, Exception error) {
        LOG.debug("notification of {} could not be used", observation, error);
        notifyFailed(registry.sharing(ObservationRegistry.keyOf(observation)), DeviceFailure.of(error));
    }

    private void notifyFailed(List<Entry> entries, DeviceFailure failure) {
        entries.forEach(e -> listener.error(e.endpoint(), "notify", e.pathTexts(), failure.message(), e.context()));
    }

    private void deliver(Entry entry, Registration reg, Map<LwM2mPath, LwM2mNode> nodes) {
        ObjectTree tree = ObjectTree.empty();
        nodes.forEach((path, node) -> requests.trees().merge(tree, path, node, entry.ids(), reg));
        listener.data(entry.endpoint(), "notify", entry.pathTexts(), tree, entry.ids(), entry.context(), entry.token());
    }

    void drop(Entry entry) {
        registry.remove(entry.token());
        pending.remove(entry.token());
        sweep(entry.registrationId(), entry.key());
    }

    /**
     * Forgets the script observations of a key when Leshan no longer has an observation for it (it
     * was cancelled, refused, or its registration ended). A second Observe of the same path makes
     * Leshan cancel the first one, but then the new one is already in place, so the older script
     * observation lives on, sharing it.
     */
    private void sweep(String registrationId, String key) {
        LeshanServer server = requests.server();
        Registration reg = server.getRegistrationService().getById(registrationId);
        if (reg == null) {
            List<Entry> gone = registry.removeRegistration(registrationId);
            if (!gone.isEmpty()) {
                ended.keep(gone.get(0).endpoint(), gone);
            }
            return;
        }
        for (Observation o : server.getObservationService().getObservations(reg)) {
            if (ObservationRegistry.keyOf(o).equals(key)) {
                return;
            }
        }
        for (Entry e : registry.sharing(key)) {
            if (!pending.contains(e.token())) {
                registry.remove(e.token());
            }
        }
    }
}
