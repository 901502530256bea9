/**
 * What trigger scripts and the host functions behind them agree on: the host functions a sandbox installs
 * ({@link io.lwm2mbridge.scripting.HostApi}, {@link io.lwm2mbridge.scripting.HostFunction}), the run they are
 * called for ({@link io.lwm2mbridge.scripting.ScriptRun}), how values cross as JSON
 * ({@link io.lwm2mbridge.scripting.JsonBridge}), and how failures reach the script as JavaScript errors
 * ({@link io.lwm2mbridge.scripting.HostCallException}, {@link io.lwm2mbridge.scripting.ScriptProblem}).
 * Host functions depend on this package only; the sandbox that runs scripts is
 * {@link io.lwm2mbridge.scripting.sandbox}.
 */
package io.lwm2mbridge.scripting;
