package io.lwm2mbridge.engine.events;

import java.util.Locale;
import java.util.Optional;

/** The event types of the trigger contract, by their dashed names; the dotted spelling is an alias. */
public enum EventType {
    LWM2M_REGISTER("lwm2m-register"),
    LWM2M_UPDATE("lwm2m-update"),
    LWM2M_DEREGISTER("lwm2m-deregister"),
    LWM2M_MISSING("lwm2m-missing"),
    LWM2M_BOOTSTRAP("lwm2m-bootstrap"),
    LWM2M_DATA("lwm2m-data"),
    LWM2M_RESULT("lwm2m-result"),
    LWM2M_ERROR("lwm2m-error"),
    LWM2M_FIRMWARE_UPDATE_STATUS("lwm2m-firmware-update-status"),
    LWM2M_FIRMWARE_UPDATE_COMPLETE("lwm2m-firmware-update-complete"),
    GENERIC("generic"),
    CRON_EVENT("cron-event"),
    ONCE_EVENT("once-event"),
    MQTT_MESSAGE("mqtt-message"),
    MQTT_RESULT("mqtt-result");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    /** The name scripts and the API use: {@code lwm2m-register}. */
    public String wireName() {
        return wireName;
    }

    /** Parses a type name in its dashed or dotted spelling ({@code lwm2m.register}), any case. */
    public static Optional<EventType> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('.', '-').replace('_', '-');
        for (EventType t : values()) {
            if (t.wireName.equals(normalized)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
