/**
 * The REST face of firmware: starting, cancelling and listing updates ({@code /api/v1/endpoints/{key}/firmware},
 * {@code /api/v1/fota}) and the token-less HTTP download route for devices ({@code /fw/...}). Micronaut
 * controllers only: they turn JSON into calls on {@code firmware.fota} and back.
 */
package io.lwm2mbridge.engine.firmware.api;
