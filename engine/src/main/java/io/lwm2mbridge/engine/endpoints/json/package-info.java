/**
 * Endpoint records as JSON: the stored form ({@link io.lwm2mbridge.engine.endpoints.json.EndpointRecordCodec},
 * given to {@code Endpoints.open}) and the public view the API and scripts get. The endpoints package itself
 * works with {@code EndpointRecord}.
 */
package io.lwm2mbridge.engine.endpoints.json;
