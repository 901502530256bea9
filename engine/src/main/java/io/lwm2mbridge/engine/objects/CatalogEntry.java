package io.lwm2mbridge.engine.objects;

import io.lwm2mbridge.objects.ObjectDefinition;
import java.util.List;

/**
 * One object as the catalog lists it ({@code GET /api/v1/objects}).
 *
 * @param latest its latest effective definition
 * @param custom whether any of its versions is custom (uploaded or from the objects folder), so DELETE applies
 * @param versions every effective version, oldest first
 */
public record CatalogEntry(ObjectDefinition latest, boolean custom, List<String> versions) {}
