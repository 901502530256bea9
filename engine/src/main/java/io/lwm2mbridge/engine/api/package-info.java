/** The REST API under {@code /api/v1}: JSON in and out, bearer-token auth, errors as {@code {error, details}}. */
package io.lwm2mbridge.engine.api;
