/**
 * HTTP services as JSON: their stored form, and the API's masked view and body parsing. The services package
 * itself works with {@code HttpService} records.
 */
package io.lwm2mbridge.engine.services.json;
