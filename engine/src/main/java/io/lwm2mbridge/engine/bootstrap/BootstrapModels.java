package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.lwm2m.RegistryModelProvider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.model.LwM2mModel;
import org.eclipse.leshan.core.model.ObjectModel;
import org.eclipse.leshan.core.model.ResourceModel;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.model.LwM2mBootstrapModelProvider;

/** The models a bootstrap session encodes with: our registry, at the versions the session asks for. */
final class BootstrapModels implements LwM2mBootstrapModelProvider {

    private final RegistryModelProvider models;

    BootstrapModels(RegistryModelProvider models) {
        this.models = models;
    }

    @Override
    public LwM2mModel getObjectModel(BootstrapSession session, Map<Integer, String> supportedObjects) {
        return new LwM2mModel() {
            @Override
            public ObjectModel getObjectModel(int objectId) {
                String version = supportedObjects.get(objectId);
                ObjectModel m = models.model(objectId, version);
                // a version the registry lacks: the newest one it has still encodes the same resources
                return m.resources.isEmpty() && version != null ? models.model(objectId, null) : m;
            }

            @Override
            public ResourceModel getResourceModel(int objectId, int resourceId) {
                return getObjectModel(objectId).resources.get(resourceId);
            }

            @Override
            public Collection<ObjectModel> getObjectModels() {
                List<ObjectModel> out = new ArrayList<>();
                supportedObjects.keySet().forEach(id -> out.add(getObjectModel(id)));
                return out;
            }
        };
    }
}
