/**
 * The HTTP edge of the composition root: the typed parts the controllers are given ({@link ApiParts}) and the
 * Micronaut context that serves them ({@link HttpApi}); {@code BridgeServer} builds the parts with {@code new}.
 */
package io.lwm2mbridge.engine.factory;
