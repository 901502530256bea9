package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.DeregistrationData;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.RegistrationData;
import io.lwm2mbridge.engine.lwm2m.json.DiscoveryTree;
import io.lwm2mbridge.engine.lwm2m.json.RegistrationSummary;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;

/**
 * Turns Leshan's registration callbacks into {@code lwm2m-register}, {@code lwm2m-update} and
 * {@code lwm2m-deregister} events and keeps endpoint records in step. Leshan calls it on a protocol
 * thread after the device has been answered; it only queues, and the endpoint record is written and
 * the event built on the bus thread, so a burst of registrations is acknowledged at Leshan's pace.
 */
public record RegistrationEvents(EventBus bus, Endpoints endpoints) implements RegistrationListener {

    @Override
    public void registered(Registration registration, Registration previous, Collection<Observation> previousObservations) {
        bus.publishLater(EventType.LWM2M_REGISTER, () -> parts(registration));
    }

    @Override
    public void updated(RegistrationUpdate update, Registration updated, Registration previous) {
        bus.publishLater(EventType.LWM2M_UPDATE, () -> parts(updated));
    }

    @Override
    public void unregistered(Registration registration, Collection<Observation> observations, boolean expired,
            Registration newRegistration) {
        if (newRegistration != null) {
            return; // replaced by a new registration of the same endpoint: that one is announced instead
        }
        bus.publishLater(EventType.LWM2M_DEREGISTER, () -> new EventBus.Parts(
                endpoints.registrations().deregistered(registration.getEndpoint()), new DeregistrationData(expired, registration.getId())));
    }

    /** Writes the endpoint record and builds the event of a registration or update (on the bus thread). */
    private EventBus.Parts parts(Registration r) {
        Map<String, Object> discovery = DiscoveryTree.of(r.getSortedObjectLinks(), r.getRootPath());
        return new EventBus.Parts(endpoints.registrations().registered(r.getEndpoint(),
                RegistrationSummary.of(r, binding(r), credentials(r), discovery)), data(r, discovery));
    }

    /** The {@code data} of register and update events. */
    private static RegistrationData data(Registration r, Map<String, Object> discovery) {
        return new RegistrationData(binding(r), credentials(r), r.getAddress().getHostAddress() + ":" + r.getPort(),
                r.getLwM2mVersion().toString(), r.getLifeTimeInSec(), r.usesQueueMode(), r.getId(), discovery);
    }

    /** "U", "UQ", "US"...: LwM2M 1.1 reports queue mode apart from the binding; events join them as 1.0 did. */
    static String binding(Registration r) {
        String modes = r.getBindingMode().stream().map(BindingMode::name).sorted((a, b) -> order(a) - order(b))
                .collect(Collectors.joining());
        return r.usesQueueMode() && !modes.contains("Q") ? modes + "Q" : modes;
    }

    private static int order(String mode) {
        return "UTSNQ".indexOf(mode);
    }

    /**
     * "primary" when the device used the credentials provisioned for it (PSK, pinned or CA-vouched
     * certificate), "alternate" when it used the ones a bootstrap generated ({@code self: true}), "none"
     * over NoSec. The authorizer writes the answer into the registration's application data.
     */
    static String credentials(Registration r) {
        String decided = r.getApplicationData() == null ? null
                : r.getApplicationData().get(io.lwm2mbridge.engine.security.RegistrationAuthorizer.CREDENTIALS_KEY);
        if (decided != null) {
            return decided;
        }
        return r.getClientTransportData() != null && r.getClientTransportData().getIdentity() != null
                && r.getClientTransportData().getIdentity().isSecure() ? "primary" : "none";
    }
}
