package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.Answer;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.json.CallResults;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.DeleteRequest;
import org.eclipse.leshan.core.response.CreateResponse;
import org.eclipse.leshan.server.registration.Registration;

/** Create and Delete of object instances; futures never fail. */
public final class Instances {

    private final DeviceRequests requests;

    public Instances(DeviceRequests requests) {
        this.requests = requests;
    }

    /**
     * Creates an instance of {@code objectId}, with the id given or (null) one the client chooses. A
     * successful outcome's result holds {@code instanceId} and {@code location} ("19/1").
     */
    public CompletableFuture<CallOutcome> create(Registration reg, int objectId, Integer instanceId,
            List<LwM2mResource> resources, ContentFormat format, Duration timeout) throws ValueException {
        ContentFormat f = requests.encodings().write(reg, new LwM2mPath(objectId), format);
        CreateRequest request = ValueException.building("create an instance of object " + objectId,
                () -> instanceId == null
                        ? new CreateRequest(f, objectId, resources)
                        : new CreateRequest(f, objectId, new LwM2mObjectInstance(instanceId, resources)));
        List<String> paths = List.of(instanceId == null ? Integer.toString(objectId) : objectId + "/" + instanceId);
        return requests.send(reg, request, timeout).thenApply((Answer<CreateResponse> answer) ->
                CallOutcome.of(paths, answer, response -> CallResults.created(objectId,
                        instanceId != null ? instanceId : idFromLocation(response.getLocation()))));
    }

    public CompletableFuture<CallOutcome> delete(Registration reg, LwM2mPath path, Duration timeout) throws ValueException {
        DeleteRequest request = ValueException.building("delete " + DeviceRequests.text(path),
                () -> new DeleteRequest(path.toString(), null));
        List<String> paths = List.of(DeviceRequests.text(path));
        return requests.send(reg, request, timeout).thenApply(answer -> Writes.outcome(paths, answer));
    }

    /** "/19/1" or "19/1" to 1. */
    static Integer idFromLocation(String location) {
        if (location == null) {
            return null;
        }
        String[] parts = location.replaceAll("^/+", "").split("/");
        try {
            return parts.length >= 2 ? Integer.valueOf(parts[parts.length - 1]) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
