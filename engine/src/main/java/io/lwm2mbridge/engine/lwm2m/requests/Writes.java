package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.Answer;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.WriteCompositeRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.WriteCompositeResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Write, in its three forms: one resource or instance (an instance write is a partial update, CoAP
 * POST, unless a replace is asked for), one write per instance, and one Write-Composite. Futures
 * never fail; they complete on a Leshan thread.
 */
public final class Writes {

    private final DeviceRequests requests;

    public Writes(DeviceRequests requests) {
        this.requests = requests;
    }

    /**
     * Writes one node. A resource or resource instance is always replaced (CoAP PUT); an instance is
     * updated in place (POST) unless {@code replace}.
     *
     * @throws ValueException when the encoding cannot carry that node (text or opaque for an instance)
     */
    public CompletableFuture<CallOutcome> write(Registration reg, LwM2mPath path, LwM2mNode node, boolean replace,
            ContentFormat format, Duration timeout) throws ValueException {
        WriteRequest.Mode mode = path.isObjectInstance() && !replace ? WriteRequest.Mode.UPDATE : WriteRequest.Mode.REPLACE;
        WriteRequest request = ValueException.building("write " + DeviceRequests.text(path),
                () -> new WriteRequest(mode, requests.encodings().write(reg, path, format), path, node, null));
        List<String> paths = List.of(DeviceRequests.text(path));
        return requests.send(reg, request, timeout).thenApply(answer -> outcome(paths, answer));
    }

    /**
     * Writes several instances, each as its own partial update, all at once. The outcome lists the
     * instance paths ("3/0") with the error of each that failed.
     *
     * @param instances object id to its instances
     */
    public CompletableFuture<CallOutcome> writeInstances(Registration reg, Map<Integer, List<LwM2mObjectInstance>> instances,
            ContentFormat format, Duration timeout) throws ValueException {
        List<String> paths = new ArrayList<>();
        List<WriteRequest> built = new ArrayList<>();
        for (Map.Entry<Integer, List<LwM2mObjectInstance>> e : instances.entrySet()) {
            for (LwM2mObjectInstance instance : e.getValue()) {
                LwM2mPath path = new LwM2mPath(e.getKey(), instance.getId());
                built.add(ValueException.building("write " + DeviceRequests.text(path), () -> new WriteRequest(
                        WriteRequest.Mode.UPDATE, requests.encodings().write(reg, path, format), path, instance, null)));
                paths.add(DeviceRequests.text(path));
            }
        }
        List<CompletableFuture<Answer<WriteResponse>>> parts = new ArrayList<>();
        for (WriteRequest request : built) {
            parts.add(requests.send(reg, request, timeout));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, DeviceFailure> errors = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                Answer<WriteResponse> answer = parts.get(i).join();
                if (!answer.ok()) {
                    errors.put(paths.get(i), answer.failure());
                }
            }
            return new CallOutcome(paths, errors, null);
        });
    }

    /**
     * One Write-Composite of every resource given (LwM2M 1.1 clients only); it succeeds or fails as a
     * whole, so every path of {@code reportPaths} gets the same error.
     */
    public CompletableFuture<CallOutcome> writeComposite(Registration reg, Map<LwM2mPath, LwM2mNode> nodes,
            List<String> reportPaths, ContentFormat format, Duration timeout) throws ValueException {
        WriteCompositeRequest request = ValueException.building("write composite",
                () -> new WriteCompositeRequest(requests.encodings().composite(reg, format), nodes, null));
        return requests.send(reg, request, timeout).thenApply((Answer<WriteCompositeResponse> answer) -> answer.ok()
                ? CallOutcome.success(reportPaths, null)
                : CallOutcome.failAll(reportPaths, answer.failure()));
    }

    static CallOutcome outcome(List<String> paths, Answer<?> answer) {
        return answer.ok() ? CallOutcome.success(paths, null) : CallOutcome.failAll(paths, answer.failure());
    }
}
