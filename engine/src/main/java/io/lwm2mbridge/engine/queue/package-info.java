/** LwM2M queue mode: calls to sleeping devices held in a stored per-endpoint queue and sent when they wake. */
package io.lwm2mbridge.engine.queue;
