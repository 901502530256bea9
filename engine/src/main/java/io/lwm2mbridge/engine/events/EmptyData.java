package io.lwm2mbridge.engine.events;

/** The data of {@code cron-event} and {@code once-event}: {@code {}}. */
public record EmptyData() implements EventData {

    public static final EmptyData INSTANCE = new EmptyData();
}
