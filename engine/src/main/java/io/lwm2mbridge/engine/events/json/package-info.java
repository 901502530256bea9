/**
 * The event codec: an {@link io.lwm2mbridge.engine.events.Event} and its typed data written as the JSON
 * scripts and the API see ({@link io.lwm2mbridge.engine.events.json.EventJson}), and read back from a stored
 * or given event ({@link io.lwm2mbridge.engine.events.json.EventParser},
 * {@link io.lwm2mbridge.engine.events.json.EventDataReader}). Depends on {@code events}; {@code events}
 * reaches it only through {@link io.lwm2mbridge.engine.events.EventWriter}, given to the bus.
 */
package io.lwm2mbridge.engine.events.json;
