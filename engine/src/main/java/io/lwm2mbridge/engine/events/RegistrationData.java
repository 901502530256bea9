package io.lwm2mbridge.engine.events;

import java.util.Map;

/**
 * The data of {@code lwm2m-register} and {@code lwm2m-update}.
 *
 * @param binding "U", "UQ", ...: the binding with queue mode joined to it, as LwM2M 1.0 wrote it
 * @param credentials "primary", "alternate" or "none"
 * @param remoteAddr "ip:port"
 * @param version the LwM2M version, "1.0", "1.1"
 * @param lifetime the registration lifetime in seconds
 * @param queueMode whether the device sleeps between exchanges
 * @param session the registration id
 * @param discovery the object tree the device announced: {@code {children, attributes: {raw}}}
 */
public record RegistrationData(String binding, String credentials, String remoteAddr, String version, long lifetime,
        boolean queueMode, String session, Map<String, Object> discovery) implements EventData {}
