package io.lwm2mbridge.engine.firmware.fota;

import org.eclipse.leshan.core.node.LwM2mNode;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mSingleResource;

/** The plain values the state machine reads out of Leshan nodes: State, Update Result, a version. */
final class NodeValues {

    private NodeValues() {}

    static Long longValue(LwM2mNode node) {
        if (node instanceof LwM2mSingleResource r && r.getValue() instanceof Number n) {
            return n.longValue();
        }
        return null;
    }

    static Integer intValue(LwM2mResource r) {
        return r != null && !r.isMultiInstances() && r.getValue() instanceof Number n ? n.intValue() : null;
    }

    static String textValue(LwM2mNode node) {
        if (node instanceof LwM2mSingleResource r && r.getValue() != null) {
            return String.valueOf(r.getValue());
        }
        return null;
    }
}
