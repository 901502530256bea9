package io.lwm2mbridge.engine.objects;

/**
 * One definition an upload put in effect.
 *
 * @param replaced whether a definition of the same id and version (built-in or custom) was in effect before
 */
public record LoadedObject(int id, String name, String version, boolean replaced) {}
