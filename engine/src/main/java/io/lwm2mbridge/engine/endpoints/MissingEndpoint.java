package io.lwm2mbridge.engine.endpoints;

import java.time.Instant;

/** An endpoint just declared missing: nothing was heard from it since {@code lastSeen} for longer than its limit. */
public record MissingEndpoint(String key, Instant lastSeen) {}
