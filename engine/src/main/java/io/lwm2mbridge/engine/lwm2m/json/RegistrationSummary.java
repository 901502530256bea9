package io.lwm2mbridge.engine.lwm2m.json;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.leshan.server.registration.Registration;

/**
 * What an endpoint record keeps of the current registration ({@code registration} in API.md's endpoint),
 * written on every register and update.
 */
public final class RegistrationSummary {

    private RegistrationSummary() {}

    /**
     * @param binding the binding as events show it ("UQ")
     * @param credentials which credentials the device used ("primary", "alternate", "none")
     * @param discovery the registration's {@link DiscoveryTree}: its {@code children} become {@code objects}
     */
    public static Map<String, Object> of(Registration r, String binding, String credentials,
            Map<String, Object> discovery) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", r.getId());
        s.put("remoteAddr", r.getAddress().getHostAddress() + ":" + r.getPort());
        s.put("version", r.getLwM2mVersion().toString());
        s.put("binding", binding);
        s.put("lifetime", r.getLifeTimeInSec());
        s.put("queueMode", r.usesQueueMode());
        s.put("credentials", credentials);
        s.put("registered", r.getRegistrationDate().toInstant().toString());
        s.put("lastUpdate", r.getLastUpdate().toInstant().toString());
        s.put("objects", discovery.get("children"));
        return s;
    }
}
