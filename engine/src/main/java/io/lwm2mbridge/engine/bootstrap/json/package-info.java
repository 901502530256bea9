/**
 * Bootstrap configurations as the API reads and shows them: their secrets taken out of answers and kept when
 * a configuration read back that way is sent again. The bootstrap package itself keeps the operator's document
 * whole in a {@code BootstrapConfig}.
 */
package io.lwm2mbridge.engine.bootstrap.json;
