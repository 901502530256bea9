/**
 * The host functions trigger scripts call ({@code lwm2m.*}, {@code log.*}, {@code trigger.*},
 * {@code exec.*}, {@code cache.*}, {@code endpoint.*}, {@code report.*}, {@code http.*},
 * {@code random.*}, {@code convert.*}, {@code mqtt.*}), built on the engine's services.
 */
package io.lwm2mbridge.engine.host;
