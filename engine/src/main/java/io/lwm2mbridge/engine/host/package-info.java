/** The host functions trigger scripts call ({@code lwm2m.*}, {@code log.*}, {@code trigger.*}), built on the engine's services. */
package io.lwm2mbridge.engine.host;
