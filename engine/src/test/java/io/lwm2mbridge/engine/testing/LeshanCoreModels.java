package io.lwm2mbridge.engine.testing;

import io.lwm2mbridge.engine.lwm2m.LeshanModels;
import io.lwm2mbridge.objects.ObjectDefinition;
import java.util.List;
import org.eclipse.leshan.core.model.ObjectLoader;

/**
 * Leshan's bundled core objects (every version it ships), as our definitions, descriptions included:
 * what the catalog is checked against and measured beside. The server itself never loads them.
 */
public final class LeshanCoreModels {

    private LeshanCoreModels() {}

    public static List<ObjectDefinition> definitions() {
        return ObjectLoader.loadAllDefault().stream().map(LeshanModels::toDefinition).toList();
    }
}
