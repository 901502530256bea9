/**
 * The REST, MQTT and dry-run faces of device calls: a request body read into the arguments a script would pass,
 * parsed by {@link io.lwm2mbridge.engine.device.CallParser}, run by {@link io.lwm2mbridge.engine.device.DeviceCalls}
 * and answered as a status and a JSON body ({@link io.lwm2mbridge.engine.device.api.DeviceOperations}); and the
 * answers a dry run gives scripts in place of a device ({@link io.lwm2mbridge.engine.device.api.DryDeviceCalls}).
 * Bodies and answers are JSON maps here and nowhere further in.
 */
package io.lwm2mbridge.engine.device.api;
