/**
 * What devices send, as the JSON trees scripts and the REST API see: read and notified values
 * ({@link io.lwm2mbridge.engine.lwm2m.json.ObjectTrees}), the last known values
 * ({@link io.lwm2mbridge.engine.lwm2m.json.LastKnownTree}) and the objects a client announced
 * ({@link io.lwm2mbridge.engine.lwm2m.json.DiscoveryTree}). The trees are built straight from Leshan's
 * nodes, once, where the data arrives (the notification path runs at thousands per second, so there is
 * no intermediate typed copy). A leaf: it depends on Leshan and the object registry only, never on
 * {@code lwm2m} itself, which builds its trees with it.
 */
package io.lwm2mbridge.engine.lwm2m.json;
