/** Generic calls: running the {@code generic} triggers of a name, from scripts ({@code exec.*}) or over HTTP, and collecting their reply. */
package io.lwm2mbridge.engine.generic;
