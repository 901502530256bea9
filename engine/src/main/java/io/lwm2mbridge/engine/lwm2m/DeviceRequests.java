package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.objects.IdFormat;
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
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.response.ReadCompositeResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Requests to devices, asynchronous all the way: each returns a future completed on a Leshan
 * thread, never blocking the caller, so that waiting is left to whoever needs the answer.
 */
public final class DeviceRequests {

    private final LeshanServer server;
    private final ObjectTrees trees;

    public DeviceRequests(LeshanServer server, ObjectTrees trees) {
        this.server = server;
        this.trees = trees;
    }

    public ObjectTrees trees() {
        return trees;
    }

    /** The current registration of an endpoint. */
    public Registration registration(String endpoint) throws DeviceException {
        Registration r = endpoint == null ? null : server.getRegistrationService().getByEndpoint(endpoint);
        if (r == null) {
            throw new DeviceException("endpoint '" + endpoint + "' is not registered");
        }
        return r;
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
        List<CompletableFuture<Object>> parts = new ArrayList<>();
        for (LwM2mPath path : paths) {
            CompletableFuture<Object> part = new CompletableFuture<>();
            ReadRequest request = new ReadRequest(format, path, null);
            server.send(reg, request, timeout.toMillis(),
                    response -> part.complete(response.isSuccess() ? response : DeviceErrors.of(response.getCode())),
                    error -> part.complete(DeviceErrors.of(error)));
            parts.add(part);
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            Map<String, Object> tree = new LinkedHashMap<>();
            Map<String, LwM2mNode> nodes = new LinkedHashMap<>();
            List<String> succeeded = new ArrayList<>();
            Map<String, String> errors = new LinkedHashMap<>();
            for (int i = 0; i < paths.size(); i++) {
                LwM2mPath path = paths.get(i);
                Object result = parts.get(i).join();
                if (result instanceof ReadResponse response) {
                    trees.merge(tree, path, response.getContent(), ids, reg);
                    nodes.put(path.toString(), response.getContent());
                    succeeded.add(text(path));
                } else {
                    errors.put(text(path), (String) result);
                }
            }
            return new ReadOutcome(tree, nodes, succeeded, errors);
        });
    }

    private CompletableFuture<ReadOutcome> readComposite(Registration reg, List<LwM2mPath> paths, ContentFormat format,
            IdFormat ids, Duration timeout) {
        CompletableFuture<ReadOutcome> result = new CompletableFuture<>();
        if (reg.getLwM2mVersion().compareTo(LwM2m.LwM2mVersion.V1_1) < 0) {
            result.complete(failAll(paths, "composite operations need a LwM2M 1.1 client; this one is "
                    + reg.getLwM2mVersion()));
            return result;
        }
        ContentFormat f = format != null ? format : ContentFormat.SENML_CBOR;
        ReadCompositeRequest request = new ReadCompositeRequest(paths, f, f, null);
        server.send(reg, request, timeout.toMillis(), (ReadCompositeResponse response) -> {
            if (!response.isSuccess()) {
                result.complete(failAll(paths, DeviceErrors.of(response.getCode())));
                return;
            }
            Map<String, Object> tree = new LinkedHashMap<>();
            Map<String, LwM2mNode> nodes = new LinkedHashMap<>();
            List<String> succeeded = new ArrayList<>();
            Map<String, String> errors = new LinkedHashMap<>();
            for (LwM2mPath path : paths) {
                LwM2mNode node = response.getContent().get(path);
                if (node == null) {
                    errors.put(text(path), DeviceErrors.of(org.eclipse.leshan.core.ResponseCode.NOT_FOUND));
                } else {
                    trees.merge(tree, path, node, ids, reg);
                    nodes.put(path.toString(), node);
                    succeeded.add(text(path));
                }
            }
            result.complete(new ReadOutcome(tree, nodes, succeeded, errors));
        }, error -> result.complete(failAll(paths, DeviceErrors.of(error))));
        return result;
    }

    private static ReadOutcome failAll(List<LwM2mPath> paths, String message) {
        Map<String, String> errors = new LinkedHashMap<>();
        paths.forEach(p -> errors.put(text(p), message));
        return new ReadOutcome(new LinkedHashMap<>(), Map.of(), List.of(), errors);
    }

    /** "3/0/0": paths as scripts write them, without the leading slash. */
    public static String text(LwM2mPath path) {
        String s = path.toString();
        return s.startsWith("/") ? s.substring(1) : s;
    }
}
