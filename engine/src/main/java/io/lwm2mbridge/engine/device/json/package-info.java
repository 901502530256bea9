/**
 * Device calls as JSON: a parsed call written back as the script call that makes it
 * ({@link io.lwm2mbridge.engine.device.json.ScriptForm}), the form a held call is kept in and shown by the
 * queue API. Depends on {@code device}; {@code device} does not depend on it.
 */
package io.lwm2mbridge.engine.device.json;
