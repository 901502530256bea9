/** Triggers: stored scripts with filters, validated on upload and run in isolation for every matching event. */
package io.lwm2mbridge.engine.triggers;
