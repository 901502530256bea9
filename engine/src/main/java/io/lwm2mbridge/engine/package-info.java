/** The running server: starts the LwM2M server, the trigger runner, storage and the REST API, and stops them. */
package io.lwm2mbridge.engine;
