/**
 * Device calls: the operations of SCRIPTING.md's {@code lwm2m.*} and API.md's device operations as one sealed
 * type ({@link io.lwm2mbridge.engine.device.DeviceOperation}), parsed once ({@link
 * io.lwm2mbridge.engine.device.CallParser}) from a script's arguments, a REST or MQTT body or a held call, and
 * run by {@link io.lwm2mbridge.engine.device.DeviceCalls#call}, which ends each in its result or its events.
 * Failures travel as {@link io.lwm2mbridge.engine.lwm2m.DeviceFailure}s; the edges map them to script errors
 * ({@code host}) and HTTP statuses ({@code api}).
 */
package io.lwm2mbridge.engine.device;
