/**
 * A service's refusal of a request (bad input, a conflict, nothing there), raised by the services below the API
 * and answered by the API with 400, 409 or 404: its own package so that those services need not depend on
 * the API or the server that wires them.
 */
package io.lwm2mbridge.engine.refusal;
