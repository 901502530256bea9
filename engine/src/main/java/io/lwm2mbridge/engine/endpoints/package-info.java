/**
 * Endpoint records: every device the server knows, its tags, status and current registration. {@link
 * io.lwm2mbridge.engine.endpoints.Endpoints} builds the parts, one job each, over one store of
 * {@link io.lwm2mbridge.engine.endpoints.EndpointRecord}s whose lock they share: records, credentials,
 * presence, registrations, the operator's changes, search, tags and script storage.
 */
package io.lwm2mbridge.engine.endpoints;
