package io.lwm2mbridge.engine.events;

import java.time.Instant;

/** The data of {@code lwm2m-missing}: when the endpoint was last heard from. */
public record MissingData(Instant lastSeen) implements EventData {}
