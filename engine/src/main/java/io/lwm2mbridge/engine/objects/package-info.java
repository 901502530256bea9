/**
 * The object registry at run time: custom DDF definitions uploaded over the API (kept in the store so
 * they survive a restart) and those of {@code BRIDGE_OBJECTS_DIR}. Their JSON, and the {@code objects import}
 * command, are in {@code objects.api}.
 */
package io.lwm2mbridge.engine.objects;
