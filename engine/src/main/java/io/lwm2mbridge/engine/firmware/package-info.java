/**
 * Firmware, in one place: the inventory's files served to devices, updates over the air, and their faces
 * to scripts and the REST API. This package wires them ({@link io.lwm2mbridge.engine.firmware.FirmwareServices})
 * and gives the HTTP side what downloads need ({@link io.lwm2mbridge.engine.firmware.FirmwareDownloads}).
 *
 * <p>Subpackages, each depending only on those listed before it (and this package only on the first
 * three): {@code serving} (download URIs and the CoAP resource), {@code fota} (the update jobs),
 * {@code fota.json} (a job as JSON), {@code api} (the faces: the REST controllers and the script functions
 * {@code lwm2m.firmwareUpdate} and {@code lwm2m.firmwareCancel}).
 */
package io.lwm2mbridge.engine.firmware;
