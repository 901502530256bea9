/**
 * The JavaScript sandbox trigger scripts run in: one shared GraalJS engine, pooled contexts that reach
 * nothing but the host functions the engine registers ({@link io.lwm2mbridge.scripting.HostApi}), execution
 * slots, and a watchdog for each run's CPU budget, wall-clock limit and allocation budget. Its callers build
 * one {@link io.lwm2mbridge.scripting.sandbox.ScriptSandbox} and hand it {@link
 * io.lwm2mbridge.scripting.sandbox.ScriptRequest}s.
 */
package io.lwm2mbridge.scripting.sandbox;
