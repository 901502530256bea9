package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.engine.lwm2m.json.ObjectTree;
import io.lwm2mbridge.engine.lwm2m.json.ObjectTrees;
import io.lwm2mbridge.objects.IdFormat;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.LwM2m;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.core.response.ReadCompositeResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Requests to devices, asynchronous all the way: each returns a future completed on a Leshan
 * thread, never blocking the caller, so that waiting is left to whoever needs the answer. Every
 * request leaves through {@link #send}, the one place where a device is contacted.
 */
public final class DeviceRequests {

    private final LeshanServer server;
    private final ObjectTrees trees;
    private final LastKnownValues lastKnown;
    private final Clock clock;
    private final Encodings encodings;
    private final RequestTiming timing;

    /**
     * @param lastKnown where read results are remembered; null to remember nothing
     * @param timing told how long each request took and how it ended
     */
    public DeviceRequests(LeshanServer server, ObjectTrees trees, LastKnownValues lastKnown, Clock clock,
            RequestTiming timing) {
        this.server = server;
        this.trees = trees;
        this.lastKnown = lastKnown;
        this.clock = clock;
        this.timing = timing;
        this.encodings = new Encodings(trees.registry());
    }

    public ObjectTrees trees() {
        return trees;
    }

    public LeshanServer server() {
        return server;
    }

    /** Chooses the format of requests whose caller named none. */
    public Encodings encodings() {
        return encodings;
    }

    public Clock clock() {
        return clock;
    }

    /** Remembers what a device sent, for {@code lwm2m.lastKnown}; safe on protocol threads. */
    public void remember(Registration reg, Map<LwM2mPath, LwM2mNode> nodes) {
        if (lastKnown != null && reg != null) {
            lastKnown.record(reg.getEndpoint(), nodes, clock.instant());
        }
    }

    /** The current registration of an endpoint. */
    public Registration registration(String endpoint) throws DeviceException {
        Registration r = endpoint == null ? null : server.getRegistrationService().getByEndpoint(endpoint);
        if (r == null) {
            throw new DeviceException(new DeviceFailure.NotRegistered(endpoint));
        }
        return r;
    }

    /**
     * Sends one request. The future never fails: it completes on a Leshan thread with the successful
     * response or with why it failed ({@link DeviceFailure}: a timeout, an error code, ...; a refusal that
     * may be about the format names it and what the device announced, {@link Encodings#explain}).
     */
    public <T extends LwM2mResponse> CompletableFuture<Answer<T>> send(Registration reg,
            DownlinkRequest<T> request, Duration timeout) {
        CompletableFuture<Answer<T>> answer = new CompletableFuture<>();
        // a latency, not a date: the monotonic clock, not the injected one
        long sent = System.nanoTime();
        try {
            server.send(reg, request, timeout.toMillis(), response -> {
                Answer<T> a = Answer.of(reg, request, response);
                timing.ended(request, a.ok() ? "success" : a.failure().label(), System.nanoTime() - sent);
                answer.complete(a);
            }, error -> answer.complete(failed(request, DeviceFailure.of(error), sent)));
        } catch (RuntimeException e) {
            // encoding happens while sending: a value the codec refuses fails here, before anything leaves
            answer.complete(failed(request, DeviceFailure.of(e), sent));
        }
        return answer;
    }

    private <T extends LwM2mResponse> Answer<T> failed(DownlinkRequest<T> request, DeviceFailure failure, long sent) {
        timing.ended(request, failure.label(), System.nanoTime() - sent);
        return Answer.failed(failure);
    }

    /**
     * Reads every path: one Read per path, or one Read-Composite when {@code composite} is set (LwM2M
     * 1.1 clients only). The future never fails: failures are in {@link ReadOutcome#errors()}.
     */
    public CompletableFuture<ReadOutcome> read(Registration reg, List<LwM2mPath> paths, ContentFormat format,
            boolean composite, IdFormat ids, Duration timeout) {
        if (composite) {
            return readComposite(reg, paths, format, ids, timeout);
        }
        List<CompletableFuture<Answer<ReadResponse>>> parts = new ArrayList<>();
        for (LwM2mPath path : paths) {
            parts.add(send(reg, new ReadRequest(encodings.read(reg, path, format), path, null), timeout));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            ReadResults results = new ReadResults(reg, ids);
            for (int i = 0; i < paths.size(); i++) {
                LwM2mPath path = paths.get(i);
                Answer<ReadResponse> answer = parts.get(i).join();
                if (answer.ok()) {
                    results.read(path, answer.response().getContent());
                } else {
                    results.failed(path, answer.failure());
                }
            }
            return results.outcome();
        });
    }

    private CompletableFuture<ReadOutcome> readComposite(Registration reg, List<LwM2mPath> paths, ContentFormat format,
            IdFormat ids, Duration timeout) {
        if (!supportsComposite(reg)) {
            return CompletableFuture.completedFuture(failAll(paths, compositeRefused(reg)));
        }
        ContentFormat f = encodings.composite(reg, format);
        return send(reg, new ReadCompositeRequest(paths, f, f, null), timeout).thenApply(answer -> {
            if (!answer.ok()) {
                return failAll(paths, answer.failure());
            }
            ReadCompositeResponse response = answer.response();
            ReadResults results = new ReadResults(reg, ids);
            for (LwM2mPath path : paths) {
                LwM2mNode node = response.getContent().get(path);
                if (node == null) {
                    results.failed(path, new DeviceFailure.ErrorCode(org.eclipse.leshan.core.ResponseCode.NOT_FOUND));
                } else {
                    results.read(path, node);
                }
            }
            return results.outcome();
        });
    }

    /** What the paths of one read gave, gathered in request order into its {@link ReadOutcome}. */
    private final class ReadResults {

        private final Registration reg;
        private final IdFormat ids;
        private final ObjectTree tree = ObjectTree.empty();
        private final Map<String, LwM2mNode> nodes = new LinkedHashMap<>();
        private final Map<LwM2mPath, LwM2mNode> received = new LinkedHashMap<>();
        private final List<String> succeeded = new ArrayList<>();
        private final Map<String, DeviceFailure> errors = new LinkedHashMap<>();

        ReadResults(Registration reg, IdFormat ids) {
            this.reg = reg;
            this.ids = ids;
        }

        void read(LwM2mPath path, LwM2mNode node) {
            trees.merge(tree, path, node, ids, reg);
            nodes.put(path.toString(), node);
            received.put(path, node);
            succeeded.add(text(path));
        }

        void failed(LwM2mPath path, DeviceFailure failure) {
            errors.put(text(path), failure);
        }

        /** The outcome, once every path is in; what was read is remembered as the last known values. */
        ReadOutcome outcome() {
            remember(reg, received);
            return new ReadOutcome(tree, nodes, succeeded, errors);
        }
    }

    /** Whether the client speaks LwM2M 1.1 or later, so composite operations may be used. */
    public static boolean supportsComposite(Registration reg) {
        return reg.getLwM2mVersion().compareTo(LwM2m.LwM2mVersion.V1_1) >= 0;
    }

    /** The failure of a composite operation asked of a client older than LwM2M 1.1. */
    public static DeviceFailure compositeRefused(Registration reg) {
        return new DeviceFailure.NotCompleted("unsupported",
                "composite operations need a LwM2M 1.1 client; this one is " + reg.getLwM2mVersion());
    }

    private static ReadOutcome failAll(List<LwM2mPath> paths, DeviceFailure failure) {
        Map<String, DeviceFailure> errors = new LinkedHashMap<>();
        paths.forEach(p -> errors.put(text(p), failure));
        return new ReadOutcome(ObjectTree.empty(), Map.of(), List.of(), errors);
    }

    /** "3/0/0": paths as scripts write them, without the leading slash. */
    public static String text(LwM2mPath path) {
        String s = path.toString();
        return s.startsWith("/") ? s.substring(1) : s;
    }
}
