/** The Leshan LwM2M server: building it, turning registrations into events, and requests to devices. */
package io.lwm2mbridge.engine.lwm2m;
