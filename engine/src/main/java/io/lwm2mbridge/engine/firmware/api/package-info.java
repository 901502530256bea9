/**
 * The faces of firmware, where JSON enters and leaves: the REST controllers that start, cancel and list
 * updates ({@code /api/v1/endpoints/{key}/firmware}, {@code /api/v1/fota}), the firmware inventory
 * ({@code /api/v1/inventory}, with a file's JSON view) and the token-less HTTP download
 * route for devices ({@code /fw/...}); the script functions {@code lwm2m.firmwareUpdate} and
 * {@code lwm2m.firmwareCancel} ({@link io.lwm2mbridge.engine.firmware.api.FirmwareFunctions}); and the
 * reading of their update options ({@link io.lwm2mbridge.engine.firmware.api.FotaOptionsReader}). They turn
 * JSON into calls on {@code firmware.fota} and back.
 */
package io.lwm2mbridge.engine.firmware.api;
