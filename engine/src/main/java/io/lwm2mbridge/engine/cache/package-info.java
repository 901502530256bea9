/** The cache all triggers share ({@code cache.*}, {@code GET /cache/{key}}): bounded in size, entries with an optional time to live. */
package io.lwm2mbridge.engine.cache;
