/** Endpoint records: every device the server knows, its tags, status and current registration. */
package io.lwm2mbridge.engine.endpoints;
