package io.lwm2mbridge.engine.events;

/**
 * The data of {@code lwm2m-deregister}: {@code reason} "expired" or "deregistered", and the {@code session}.
 *
 * @param expired the registration lapsed rather than the device deregistering
 * @param session the id of the registration that ended
 */
public record DeregistrationData(boolean expired, String session) implements EventData {

    /** The {@code reason} scripts see. */
    public String reason() {
        return expired ? "expired" : "deregistered";
    }
}
