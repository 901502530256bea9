/** Outbound HTTP for scripts ({@code http.*}): named services with their base URL, headers and credentials, the allowed-hosts policy and the client. */
package io.lwm2mbridge.engine.services;
