package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.Operations;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import io.lwm2mbridge.objects.catalog.BuiltInCatalog;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;

/** Converts between our object definitions and Leshan's models, which its codecs need. */
public final class LeshanModels {

    private LeshanModels() {}

    /**
     * The built-in set: every object version of the OMA registry, from the shipped catalog.
     *
     * <p>Leshan's bundled core models are not added: the catalog holds every version Leshan ships (with
     * the registry's facts where they differ: 2.0.0-M15's object 4 version 1.3 lacks the dBm unit of
     * resource 2), which BuiltInSetTest checks, and parsing Leshan's XML cost 0.6 to 1.2 s of every
     * cold start for no definition the catalog lacks.
     *
     * @throws io.lwm2mbridge.objects.catalog.CatalogException if the catalog is missing or corrupt
     */
    public static List<ObjectDefinition> builtIns() {
        return BuiltInCatalog.load();
    }

    /**
     * Texts are stripped as {@code DdfParser} strips them (Leshan keeps " OSCORE ID Context" with its
     * spaces), so a built-in equals the definition its own DDF file would upload as.
     */
    public static ObjectDefinition toDefinition(ObjectModel m) {
        List<ResourceDefinition> resources = new ArrayList<>();
        for (ResourceModel r : m.resources.values()) {
            resources.add(new ResourceDefinition(r.id, strip(r.name), Operations.valueOf(r.operations.name()),
                    Boolean.TRUE.equals(r.multiple), Boolean.TRUE.equals(r.mandatory), toType(r.type),
                    strip(r.rangeEnumeration), strip(r.units), strip(r.description)));
        }
        return new ObjectDefinition(m.id, strip(m.name), strip(m.description), strip(m.version), strip(m.lwm2mVersion),
                strip(m.urn), Boolean.TRUE.equals(m.multiple), Boolean.TRUE.equals(m.mandatory), resources);
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    public static ObjectModel toModel(ObjectDefinition d) {
        List<ResourceModel> resources = new ArrayList<>();
        for (ResourceDefinition r : d.resources()) {
            resources.add(new ResourceModel(r.id(), r.name(), ResourceModel.Operations.valueOf(r.operations().name()),
                    r.multiple(), r.mandatory(), toLeshanType(r.type()), nullToEmpty(r.rangeEnumeration()),
                    nullToEmpty(r.units()), nullToEmpty(r.description())));
        }
        return new ObjectModel(d.id(), d.name(), nullToEmpty(d.description()), d.version(), d.multiple(), d.mandatory(),
                resources, d.urn(), d.lwm2mVersion(), "");
    }

    /** A stand-in for an object nobody defined: its resources then decode as opaque values. */
    public static ObjectModel unknown(int objectId) {
        return new ObjectModel(objectId, "object " + objectId, "", ObjectModel.DEFAULT_VERSION, true, false, List.of(),
                "urn:oma:lwm2m:x:" + objectId, "1.0", "");
    }

    static ResourceType toType(ResourceModel.Type t) {
        if (t == null) {
            return ResourceType.NONE;
        }
        return switch (t) {
            case CORELINK -> ResourceType.CORELNK;
            default -> ResourceType.valueOf(t.name());
        };
    }

    static ResourceModel.Type toLeshanType(ResourceType t) {
        return switch (t) {
            case CORELNK -> ResourceModel.Type.CORELINK;
            default -> ResourceModel.Type.valueOf(t.name());
        };
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
