/**
 * The object registry at run time: custom DDF definitions uploaded over the API (kept in the store so
 * they survive a restart), those of {@code BRIDGE_OBJECTS_DIR}, and the {@code objects import} command.
 */
package io.lwm2mbridge.engine.objects;
