/**
 * The object catalog in JSON, where it meets the REST API: the views {@code /api/v1/objects} writes
 * ({@link io.lwm2mbridge.engine.objects.api.ObjectsJson}) and the {@code objects import} command, a client
 * that uploads DDF files through that API ({@link io.lwm2mbridge.engine.objects.api.ObjectsImportCommand}).
 */
package io.lwm2mbridge.engine.objects.api;
