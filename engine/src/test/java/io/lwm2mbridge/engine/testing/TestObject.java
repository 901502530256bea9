package io.lwm2mbridge.engine.testing;

import io.lwm2mbridge.engine.BridgeServer;
import io.lwm2mbridge.engine.lwm2m.LeshanModels;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.leshan.client.resource.BaseInstanceEnabler;
import org.eclipse.leshan.client.servers.LwM2mServer;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.core.model.ResourceModel.Operations;
import org.eclipse.leshan.core.model.ResourceModel.Type;
import org.eclipse.leshan.core.node.LwM2mMultipleResource;
import org.eclipse.leshan.core.node.LwM2mResource;
import org.eclipse.leshan.core.node.LwM2mResourceInstance;
import org.eclipse.leshan.core.node.LwM2mSingleResource;
import org.eclipse.leshan.core.node.ObjectLink;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.eclipse.leshan.core.response.ExecuteResponse;
import org.eclipse.leshan.core.response.ReadResponse;
import org.eclipse.leshan.core.response.WriteResponse;
import org.eclipse.leshan.core.util.datatype.ULong;

/**
 * A test object (33000, "Bridge Test") with a writable resource of every LwM2M type, an executable
 * resource that records its arguments and a read-only counter tests change to make the device notify.
 * {@link #define(BridgeServer)} gives the server its definition, as an operator would upload it.
 */
public final class TestObject {

    public static final int ID = 33000;
    public static final int TEXT = 0;
    public static final int COUNT = 1;
    public static final int SIZE = 2;
    public static final int RATIO = 3;
    public static final int ENABLED = 4;
    public static final int STAMP = 5;
    public static final int BLOB = 6;
    public static final int TARGET = 7;
    public static final int TRIGGER = 8;
    public static final int LAST_ARGS = 9;
    public static final int LEVELS = 10;
    public static final int COUNTER = 11;

    public static final ObjectModel MODEL = new ObjectModel(ID, "Bridge Test", "an object for tests", "1.0", true, false,
            List.of(
                    rw(TEXT, "Text", Type.STRING),
                    rw(COUNT, "Count", Type.INTEGER),
                    rw(SIZE, "Size", Type.UNSIGNED_INTEGER),
                    rw(RATIO, "Ratio", Type.FLOAT),
                    rw(ENABLED, "Enabled", Type.BOOLEAN),
                    rw(STAMP, "Stamp", Type.TIME),
                    rw(BLOB, "Blob", Type.OPAQUE),
                    rw(TARGET, "Target", Type.OBJLNK),
                    new ResourceModel(TRIGGER, "Trigger", Operations.E, false, false, Type.NONE, "", "", ""),
                    new ResourceModel(LAST_ARGS, "Last Args", Operations.R, false, false, Type.STRING, "", "", ""),
                    new ResourceModel(LEVELS, "Levels", Operations.RW, true, false, Type.INTEGER, "", "", ""),
                    new ResourceModel(COUNTER, "Counter", Operations.R, false, false, Type.INTEGER, "", "", "")),
            "urn:oma:lwm2m:x:33000", "1.1", "");

    private TestObject() {}

    private static ResourceModel rw(int id, String name, Type type) {
        return new ResourceModel(id, name, Operations.RW, false, false, type, "", "", "");
    }

    /** Adds the definition to the server's object registry. */
    public static void define(BridgeServer server) {
        server.registry().putCustom(List.of(LeshanModels.toDefinition(MODEL)));
    }

    /** One instance on the device side; tests read what was written and change the counter. */
    public static final class Instance extends BaseInstanceEnabler {

        private final Map<Integer, Object> values = new ConcurrentHashMap<>();
        private final Map<Integer, Long> levels = new ConcurrentHashMap<>();
        private final AtomicInteger executions = new AtomicInteger();
        private final AtomicInteger writes = new AtomicInteger();

        /** Used by the client when the server creates an instance. */
        public Instance() {
            defaults();
        }

        public Instance(int id) {
            super(id);
            defaults();
        }

        private void defaults() {
            for (int r = TEXT; r <= COUNTER; r++) {
                reset(r);
            }
        }

        public Object value(int resourceId) {
            return values.get(resourceId);
        }

        public Map<Integer, Long> levels() {
            return new LinkedHashMap<>(levels);
        }

        public int executions() {
            return executions.get();
        }

        /** How many writes of single resources arrived (an instance write counts each resource). */
        public int writes() {
            return writes.get();
        }

        /** Changes the counter as the device's own sensor would, notifying observers. */
        public void setCounter(long value) {
            values.put(COUNTER, value);
            fireResourceChange(COUNTER);
        }

        @Override
        public synchronized ReadResponse read(LwM2mServer server, int resourceId) {
            if (resourceId == LEVELS) {
                return ReadResponse.success(LwM2mMultipleResource.newResource(LEVELS, new LinkedHashMap<>(levels),
                        Type.INTEGER));
            }
            ResourceModel model = MODEL.resources.get(resourceId);
            if (model == null || resourceId == TRIGGER) {
                return super.read(server, resourceId);
            }
            return ReadResponse.success(LwM2mSingleResource.newResource(resourceId, values.get(resourceId), model.type));
        }

        @Override
        public synchronized WriteResponse write(LwM2mServer server, boolean replace, int resourceId, LwM2mResource value) {
            writes.incrementAndGet();
            if (resourceId == LEVELS) {
                if (replace) {
                    levels.clear();
                }
                for (LwM2mResourceInstance ri : value.getInstances().values()) {
                    levels.put(ri.getId(), (Long) ri.getValue());
                }
            } else if (resourceId <= TARGET) {
                values.put(resourceId, value.getValue());
            } else {
                return super.write(server, replace, resourceId, value);
            }
            fireResourceChange(resourceId);
            return WriteResponse.success();
        }

        @Override
        public ExecuteResponse execute(LwM2mServer server, int resourceId, Arguments arguments) {
            if (resourceId != TRIGGER) {
                return super.execute(server, resourceId, arguments);
            }
            executions.incrementAndGet();
            String text = arguments == null ? null : arguments.serialize();
            values.put(LAST_ARGS, text == null ? "" : text);
            fireResourceChange(LAST_ARGS);
            return ExecuteResponse.success();
        }

        @Override
        public void reset(int resourceId) {
            switch (resourceId) {
                case TEXT -> values.put(TEXT, "hello");
                case COUNT -> values.put(COUNT, 0L);
                case SIZE -> values.put(SIZE, ULong.valueOf(0));
                case RATIO -> values.put(RATIO, 0.0);
                case ENABLED -> values.put(ENABLED, false);
                case STAMP -> values.put(STAMP, new Date(0));
                case BLOB -> values.put(BLOB, new byte[0]);
                case TARGET -> values.put(TARGET, new ObjectLink());
                case LAST_ARGS -> values.put(LAST_ARGS, "");
                case LEVELS -> {
                    levels.clear();
                    levels.put(0, 1L);
                }
                case COUNTER -> values.put(COUNTER, 0L);
                default -> { }
            }
        }

        @Override
        public List<Integer> getAvailableResourceIds(ObjectModel model) {
            return new ArrayList<>(model.resources.keySet()).stream().sorted().toList();
        }
    }
}
