/**
 * The JavaScript sandbox trigger scripts run in: one shared GraalJS engine, pooled contexts that reach
 * nothing but the host functions the engine registers, and a per-run CPU budget and wall-clock limit.
 */
package io.lwm2mbridge.scripting;
