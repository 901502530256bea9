package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.engine.lwm2m.json.ObjectTree;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.node.LwM2mNode;

/**
 * What a read of one or more paths gave.
 *
 * @param tree every successful path's data merged into one object tree
 * @param nodes the node each successful path returned, by path text ("/3/0/0")
 * @param succeeded the paths that were read, in request order
 * @param errors the paths that failed, with the reason, in request order
 */
public record ReadOutcome(ObjectTree tree, Map<String, LwM2mNode> nodes, List<String> succeeded,
        Map<String, DeviceFailure> errors) {

    public boolean ok() {
        return errors.isEmpty();
    }
}
