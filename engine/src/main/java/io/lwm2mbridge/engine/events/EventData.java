package io.lwm2mbridge.engine.events;

import java.util.Map;

/**
 * The {@code data} of an event, typed per event type (the table "Events" of SCRIPTING.md). Publishers
 * build one of these records; {@link EventDataWriter} turns it into the JSON object scripts, {@code GET
 * /events}, the event stream and the MQTT bridge see, and {@link EventDataReader} reads a stored one
 * back. {@link RawData} holds data in no known shape, so nothing ever fails to load.
 */
public sealed interface EventData permits RegistrationData, DeregistrationData, MissingData, BootstrapData,
        DeviceData, ResultData, ErrorData, FirmwareStatusData, FirmwareCompleteData, GenericData, EmptyData,
        MqttMessageData, MqttResultData, RawData {

    /** The data as a JSON object, fields in the order scripts have always seen them; a new map each call. */
    default Map<String, Object> toMap() {
        return EventDataWriter.write(this);
    }
}
