/**
 * Endpoints as JSON: the stored form of a record ({@link io.lwm2mbridge.engine.endpoints.json.EndpointRecordCodec})
 * and of its credentials ({@link io.lwm2mbridge.engine.endpoints.json.CredentialsCodec}), both given to
 * {@code Endpoints.open}, and the public view the API and scripts get
 * ({@link io.lwm2mbridge.engine.endpoints.json.EndpointJson}). The endpoints package itself works with
 * {@code EndpointRecord} and {@code Credentials}.
 */
package io.lwm2mbridge.engine.endpoints.json;
