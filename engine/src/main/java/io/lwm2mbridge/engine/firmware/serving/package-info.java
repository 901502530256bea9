/**
 * Serving inventory firmware files to devices: the download URIs handed to them and the CoAP resource
 * that answers them block by block (the HTTP side is a controller in {@code firmware.api}).
 */
package io.lwm2mbridge.engine.firmware.serving;
