package io.lwm2mbridge.objects.json;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The plain-map view of a definition that {@code lwm2m.getObjectDef(objId)} returns to scripts. */
public final class ObjectDefView {

    private ObjectDefView() {}

    /**
     * {@code {id, name, version, multiInstance, resources: [{id, name, type, multiInstance, mandatory,
     * allowRead, allowWrite, allowExec, units}]}} in that key order, ids as {@link Integer}, type as
     * {@link ResourceType#ddfName()}. Fresh mutable maps on each call, so the caller may hand them on.
     */
    public static Map<String, Object> toDef(ObjectDefinition definition) {
        List<Object> resources = new ArrayList<>(definition.resources().size());
        for (ResourceDefinition r : definition.resources()) {
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("id", r.id());
            res.put("name", r.name());
            res.put("type", r.type().ddfName());
            res.put("multiInstance", r.multiple());
            res.put("mandatory", r.mandatory());
            res.put("allowRead", r.operations().isReadable());
            res.put("allowWrite", r.operations().isWritable());
            res.put("allowExec", r.operations().isExecutable());
            res.put("units", r.units());
            resources.add(res);
        }
        Map<String, Object> def = new LinkedHashMap<>();
        def.put("id", definition.id());
        def.put("name", definition.name());
        def.put("version", definition.version());
        def.put("multiInstance", definition.multiple());
        def.put("resources", resources);
        return def;
    }
}
