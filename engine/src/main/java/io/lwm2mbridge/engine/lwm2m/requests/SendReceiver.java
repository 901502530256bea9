package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.json.ObjectTree;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.LastKnownValues;
import io.lwm2mbridge.objects.IdFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.node.TimestampedLwM2mNodes;
import org.eclipse.leshan.core.request.SendRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.send.SendListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LwM2M 1.1 Send: what a client reports on its own becomes {@code lwm2m-data} with {@code source:
 * "send"} (the newest value of each path) and is remembered with the time the device gave, when it
 * gave one. Leshan calls it on a protocol thread; it only decodes and hands over.
 */
public final class SendReceiver implements SendListener {

    private static final Logger LOG = LoggerFactory.getLogger(SendReceiver.class);

    private final DeviceRequests requests;
    private final DataListener listener;
    private final Supplier<IdFormat> ids;
    private final LastKnownValues lastKnown;

    /**
     * @param ids the key format of Send data: the server-wide {@code translateIds} setting
     * @param lastKnown where sent values are remembered with their own timestamps; may be null
     */
    public SendReceiver(DeviceRequests requests, DataListener listener, Supplier<IdFormat> ids,
            LastKnownValues lastKnown) {
        this.requests = requests;
        this.listener = listener;
        this.ids = ids;
        this.lastKnown = lastKnown;
    }

    @Override
    public void dataReceived(Registration registration, TimestampedLwM2mNodes data, SendRequest request) {
        Instant now = requests.clock().instant();
        if (lastKnown != null) {
            // oldest first, so the newest value of each path is the one kept
            List<Instant> times = new ArrayList<>();
            boolean untimed = false;
            for (Instant t : data.getTimestamps()) {
                if (t == null) {
                    untimed = true;
                } else {
                    times.add(t);
                }
            }
            times.sort(null);
            for (Instant t : times) {
                lastKnown.record(registration.getEndpoint(), data.getNodesAt(t), t);
            }
            if (untimed) {
                lastKnown.record(registration.getEndpoint(), data.getNodesAt(null), now);
            }
        }
        IdFormat format = ids.get();
        Map<LwM2mPath, LwM2mNode> nodes = data.getNodes();
        ObjectTree tree = ObjectTree.empty();
        List<String> paths = new ArrayList<>();
        nodes.forEach((path, node) -> {
            requests.trees().merge(tree, path, node, format, registration);
            paths.add(DeviceRequests.text(path));
        });
        listener.data(registration.getEndpoint(), "send", paths, tree, format, null, null);
    }

    @Override
    public void onError(Registration registration, String errorMessage, Exception error) {
        LOG.debug("a Send from {} could not be used: {}", registration.getEndpoint(), errorMessage, error);
        listener.error(registration.getEndpoint(), "send", List.of(), errorMessage, null);
    }
}
