package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ObjectRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.leshan.core.LwM2m;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.server.model.LwM2mModelProvider;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Gives Leshan the object models of our registry, picking for each client the version it announced
 * ({@code </3303>;ver=1.1}). Looked up on every request, so a replaced definition is used at once.
 */
public final class RegistryModelProvider implements LwM2mModelProvider {

    private final ObjectRegistry registry;
    private final Map<String, ObjectModel> converted = new ConcurrentHashMap<>();
    /**
     * Object id to announced version ({@link #LATEST} when none) to its model, as of a registry
     * generation: Leshan asks for a model per resource it encodes or decodes, so the answer must
     * come from one lookup, without building keys or comparing version strings. The generation,
     * not a change listener, retires stale entries: a listener could race with a lookup in progress.
     */
    private final Map<Integer, Map<Object, Resolved>> resolved = new ConcurrentHashMap<>();

    private static final Object LATEST = new Object();

    private record Resolved(long generation, ObjectModel model) {}

    public RegistryModelProvider(ObjectRegistry registry) {
        this.registry = registry;
        registry.addListener(changed -> converted.clear());
    }

    @Override
    public LwM2mModel getObjectModel(Registration registration) {
        return new ClientModel(registration);
    }

    /** The model for an object at the version a client uses; a stand-in when nobody defined it. */
    public ObjectModel model(int objectId, String version) {
        ObjectDefinition d = (version == null ? registry.get(objectId) : registry.get(objectId, version)).orElse(null);
        if (d == null) {
            return LeshanModels.unknown(objectId);
        }
        return converted.computeIfAbsent(d.id() + "@" + d.version() + "#" + System.identityHashCode(d),
                k -> LeshanModels.toModel(d));
    }

    /** As {@link #model(int, String)}, for the version a registration announced (null: none). */
    ObjectModel model(int objectId, LwM2m.Version version) {
        long generation = registry.generation();
        Map<Object, Resolved> byVersion = resolved.computeIfAbsent(objectId, id -> new ConcurrentHashMap<>());
        Object key = version == null ? LATEST : version;
        Resolved r = byVersion.get(key);
        if (r == null || r.generation() != generation) {
            // a stale entry is replaced, so a definition uploaded meanwhile is used from now on
            r = new Resolved(generation, model(objectId, version == null ? null : version.toString()));
            byVersion.put(key, r);
        }
        return r.model();
    }

    private final class ClientModel implements LwM2mModel {
        private final Registration registration;

        ClientModel(Registration registration) {
            this.registration = registration;
        }

        private LwM2m.Version versionOf(int objectId) {
            return registration == null ? null : registration.getSupportedVersion(objectId);
        }

        @Override
        public ResourceModel getResourceModel(int objectId, int resourceId) {
            ObjectModel m = getObjectModel(objectId);
            return m == null ? null : m.resources.get(resourceId);
        }

        @Override
        public ObjectModel getObjectModel(int objectId) {
            return model(objectId, versionOf(objectId));
        }

        @Override
        public Collection<ObjectModel> getObjectModels() {
            List<ObjectModel> out = new ArrayList<>();
            for (ObjectDefinition d : registry.all()) {
                out.add(getObjectModel(d.id()));
            }
            return out;
        }
    }
}
