package io.lwm2mbridge.engine.events;

/**
 * The data of {@code generic}: the payload under {@code data} (so a script reads {@code event.data.data.x},
 * as on the hosted bridge), then who called.
 *
 * @param payload any JSON value the caller gave
 * @param source {@code exec.now}, {@code exec.sync} or {@code http}
 * @param method the HTTP method of a call over HTTP, else null (then left out)
 */
public record GenericData(Object payload, String source, String method) implements EventData {}
