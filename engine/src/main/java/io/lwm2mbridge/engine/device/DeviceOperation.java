package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.argument.Arguments;

/**
 * One device operation of SCRIPTING.md's {@code lwm2m.*} calls and API.md's device operations, with its
 * arguments checked and typed: what to ask of which endpoint. How to ask it (synchronously, with which
 * encoding, timeout or context) is the {@link CallOptions} beside it. Made by {@link CallParser} from a
 * script's arguments, a REST or MQTT body (through {@link io.lwm2mbridge.engine.device.api.DeviceOperations}) or a held call in the store,
 * and run by {@link DeviceCalls#call}. Values to write stay JSON-like until the device's registration
 * says which object version, and so which resource types, they are checked against.
 */
public sealed interface DeviceOperation {

    /** The endpoint the operation is for. */
    String endpoint();

    /** The {@code lwm2m} function that makes it ("read", "writeAttrs", ...), as held calls are shown. */
    default String function() {
        return switch (this) {
            case Read r -> "read";
            case Write w -> "write";
            case WriteMulti m -> "writeMulti";
            case WriteAttributes a -> "writeAttrs";
            case Execute e -> "exec";
            case Create c -> "create";
            case Delete d -> "delete";
            case Discover d -> "discover";
            case Observe o -> "observe";
            case ObserveCancel c -> "observeCancel";
        };
    }

    /** The {@code source} of the events it ends in; the function, but for a composite observation. */
    default String source() {
        return function();
    }

    /** The {@code path} of its events, one entry per path ("3/0/15"; the instances of a writeMulti, "3/0"). */
    List<String> pathNames();

    /** Whether there is nothing to ask (no path, no value): such a call ends at once without a device. */
    default boolean empty() {
        return false;
    }

    /** An operation on one path. */
    sealed interface OnePath extends DeviceOperation {
        LwM2mPath path();

        @Override
        default List<String> pathNames() {
            return List.of(DeviceRequests.text(path()));
        }
    }

    /** An operation on a list of paths, each reported in its events; none asks nothing. */
    sealed interface PathList extends DeviceOperation {
        List<LwM2mPath> paths();

        @Override
        default List<String> pathNames() {
            return paths().stream().map(DeviceRequests::text).toList();
        }

        @Override
        default boolean empty() {
            return paths().isEmpty();
        }
    }

    /** Read, or Read-Composite, of one or more paths. */
    record Read(String endpoint, List<LwM2mPath> paths, boolean composite) implements PathList {
        public Read {
            paths = List.copyOf(paths);
        }
    }

    /** Write of one resource, resource instance or object instance; {@code value} as the script gave it. */
    record Write(String endpoint, LwM2mPath path, Object value) implements OnePath {}

    /**
     * Writes of several instances: one Write-Composite with {@code composite} on a 1.1 client, one
     * partial-update write per instance otherwise.
     *
     * @param instances object id to instance id to {@code {resourceId or name: value}}, as given
     */
    record WriteMulti(String endpoint, Map<Integer, Map<Integer, Map<?, ?>>> instances, boolean composite)
            implements DeviceOperation {
        @Override
        public List<String> pathNames() {
            List<String> out = new ArrayList<>();
            instances.forEach((o, insts) -> insts.keySet().forEach(i -> out.add(o + "/" + i)));
            return out;
        }

        @Override
        public boolean empty() {
            return instances.isEmpty();
        }
    }

    /** Write-Attributes: the notification attributes of a path. */
    record WriteAttributes(String endpoint, LwM2mPath path, LwM2mAttributeSet attributes) implements OnePath {}

    /** Execute, with arguments ({@code 0='abc'}) or without (empty arguments). */
    record Execute(String endpoint, LwM2mPath path, Arguments arguments) implements OnePath {}

    /**
     * Create of an instance of an object ({@code 19}, the client picks the id) or with its id ({@code 19/0}).
     *
     * @param resources {@code {resourceId or name: value}}, as given
     */
    record Create(String endpoint, LwM2mPath path, Map<?, ?> resources) implements OnePath {}

    /** Delete of an object instance. */
    record Delete(String endpoint, LwM2mPath path) implements OnePath {}

    /** Discover: the links and attributes under a path. */
    record Discover(String endpoint, LwM2mPath path) implements OnePath {}

    /** Observe of each path, or one Observe-Composite of them all. */
    record Observe(String endpoint, List<LwM2mPath> paths, boolean composite) implements PathList {
        public Observe {
            paths = List.copyOf(paths);
        }

        @Override
        public String source() {
            return composite ? "observe-composite" : "observe";
        }
    }

    /** The end of observations: each target is a token {@code observe} returned, or a path whose observations end. */
    record ObserveCancel(String endpoint, List<CancelTarget> targets) implements DeviceOperation {
        public ObserveCancel {
            targets = List.copyOf(targets);
        }

        /** The paths named as targets; those of tokens are known only once the observation is looked up. */
        @Override
        public List<String> pathNames() {
            List<String> out = new ArrayList<>();
            targets.forEach(t -> {
                if (t instanceof CancelTarget.OfPath p) {
                    out.add(DeviceRequests.text(p.path()));
                }
            });
            return out;
        }
    }

    /** What {@link ObserveCancel} ends. */
    sealed interface CancelTarget {
        /** One observation, by the token {@code observe} returned. */
        record Token(String token) implements CancelTarget {}

        /** Every observation of exactly this path. */
        record OfPath(LwM2mPath path) implements CancelTarget {}
    }
}
