/**
 * Size bounds on what scripts, devices and callers make the server keep or return: how large a value
 * is as JSON, and how a value too large for its bound is shortened with a visible marker.
 */
package io.lwm2mbridge.engine.limits;
