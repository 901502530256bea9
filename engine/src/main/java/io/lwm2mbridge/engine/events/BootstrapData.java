package io.lwm2mbridge.engine.events;

/**
 * The data of {@code lwm2m-bootstrap}.
 *
 * @param version "1.1" when the Bootstrap-Request named a preferred content format, else "1.0"
 * @param remoteAddr who asked, as the security layer writes a peer
 */
public record BootstrapData(String version, String remoteAddr) implements EventData {}
