/**
 * The JSON face of a refusal: its typed details as the {@code details} object of the API's error answer. Kept
 * apart so the refusal itself (raised deep in the services) carries no JSON maps.
 */
package io.lwm2mbridge.engine.refusal.json;
