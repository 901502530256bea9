/**
 * DTLS security of the LwM2M and bootstrap servers: which PSK, certificate or NoSec peer may speak for
 * which endpoint, the server's own certificate, and making every refusal visible to the operator.
 */
package io.lwm2mbridge.engine.security;
