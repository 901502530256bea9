/**
 * Firmware updates over the air: the per-device state machine that hands a device its image (pull through
 * 5/0/1, or push through 5/0/0), follows State and Update Result, executes Update, enforces the phase
 * timeouts and keeps jobs across restarts.
 */
package io.lwm2mbridge.engine.firmware.fota;
