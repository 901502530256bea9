/**
 * Held calls as JSON: the form a call held for a sleeping device is kept in the store and listed by the
 * queue API ({@link io.lwm2mbridge.engine.queue.json.HeldCallJson}). Depends on {@code device}; {@code queue}
 * uses it, it does not use {@code queue}.
 */
package io.lwm2mbridge.engine.queue.json;
