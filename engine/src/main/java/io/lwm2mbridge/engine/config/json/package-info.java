/**
 * The run-time settings as JSON: current values by name, each setting's schema for the console's forms, and
 * the parsing of a change request. The config package itself works with {@code Setting} keys.
 */
package io.lwm2mbridge.engine.config.json;
