package io.lwm2mbridge.engine.globals;

/**
 * One global value as it is kept: any JSON value a user gave (null, a string, a number, a boolean, a list or
 * a map), and whether the API hides it.
 */
public record GlobalValue(Object value, boolean secret) {}
