/**
 * The device operations beyond read: write, write-composite, write-attributes, execute, create, delete,
 * discover, observe and cancel, and what devices send on their own (notifications, Send), built on
 * {@link io.lwm2mbridge.engine.lwm2m.DeviceRequests}.
 */
package io.lwm2mbridge.engine.lwm2m.requests;
