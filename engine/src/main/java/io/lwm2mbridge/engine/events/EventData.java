package io.lwm2mbridge.engine.events;

/**
 * The {@code data} of an event, typed per event type (the table "Events" of SCRIPTING.md). Publishers
 * build one of these records; the event codec ({@code events.json}) writes it as the JSON object scripts,
 * {@code GET /events}, the event stream and the MQTT bridge see, and reads a stored one back.
 * {@link RawData} holds data in no known shape, so nothing ever fails to load.
 */
public sealed interface EventData permits RegistrationData, DeregistrationData, MissingData, BootstrapData,
        DeviceData, ResultData, ErrorData, FirmwareStatusData, FirmwareCompleteData, GenericData, EmptyData,
        MqttMessageData, MqttResultData, RawData {}
