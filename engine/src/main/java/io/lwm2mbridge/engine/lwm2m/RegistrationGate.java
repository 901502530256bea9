package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.engine.config.Settings;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.Exchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.request.BindingMode;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.californium.endpoint.CaliforniumServerEndpointsProvider;
import org.eclipse.leshan.server.endpoint.LwM2mServerEndpointsProvider;
import org.eclipse.leshan.server.registration.Registration;
import org.eclipse.leshan.server.registration.RegistrationListener;
import org.eclipse.leshan.server.registration.RegistrationUpdate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in front of Leshan's registration resource ({@code /rd}) and answers what Leshan would not
 * answer well before it gets there: parameters that do not parse or are out of bounds ({@code lt=abc},
 * {@code lt=-5}, {@code b=ZZZ}, an endpoint name the API could not address) get 4.00 with the reason,
 * where Leshan answered 5.00 and logged a stack trace per packet; and a Register past the bounds of
 * the settings {@code max_registrations} and {@code max_unprovisioned_endpoints} gets 5.03, so a flood
 * of unauthenticated registrations can neither exhaust the heap nor fill the store. Every refusal is
 * counted ({@link #snapshot()}, in {@code GET /api/v1/stats} as {@code registrations}) and logged at
 * most once per {@link #LOG_EVERY}. Called on Californium's protocol threads: reads counters only.
 */
public final class RegistrationGate extends CoapResource {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationGate.class);
    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    /** How long a refused device is told to wait (CoAP Max-Age of the 5.03). */
    static final int RETRY_AFTER_S = 300;
    private static final String RD = "rd";

    private final Resource leshan;
    private final Endpoints endpoints;
    private final Settings settings;
    private final LeshanServer server;
    private final Clock clock;
    private final AtomicInteger registrations = new AtomicInteger();
    private final AtomicLong refusedFull = new AtomicLong();
    private final AtomicLong refusedUnprovisioned = new AtomicLong();
    private final AtomicLong refusedParameters = new AtomicLong();
    private final AtomicLong expiredRecords = new AtomicLong();
    private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);

    private RegistrationGate(Resource leshan, LeshanServer server, Endpoints endpoints, Settings settings,
            Clock clock) {
        super(RD);
        this.leshan = leshan;
        this.server = server;
        this.endpoints = endpoints;
        this.settings = settings;
        this.clock = clock;
        getAttributes().addResourceType("core.rd");
    }

    /**
     * Puts a gate in front of the registration resource of every CoAP endpoint of the server. Call it
     * after the server is built and before it starts.
     */
    public static RegistrationGate install(LeshanServer server, Endpoints endpoints, Settings settings,
            Clock clock) {
        RegistrationGate gate = null;
        for (LwM2mServerEndpointsProvider provider : server.getEndpointsProvider()) {
            if (provider instanceof CaliforniumServerEndpointsProvider californium) {
                Resource root = californium.getCoapServer().getRoot();
                Resource rd = root.getChild(RD);
                if (rd == null) {
                    throw new IllegalStateException("Leshan's registration resource /rd was not found");
                }
                gate = new RegistrationGate(rd, server, endpoints, settings, clock);
                root.delete(rd);
                root.add(gate);
            }
        }
        if (gate == null) {
            throw new IllegalStateException("no Californium endpoint to guard");
        }
        server.getRegistrationService().addListener(gate.counter());
        return gate;
    }

    /** {@code /rd/<registration id>} (updates, deregistrations) comes here too, as it does to Leshan's resource. */
    @Override
    public Resource getChild(String name) {
        return this;
    }

    @Override
    public void handleRequest(Exchange exchange) {
        Request request = exchange.getRequest();
        Refusal refusal = request.getCode() == CoAP.Code.POST ? check(request) : null;
        if (refusal == null) {
            leshan.handleRequest(exchange);
            return;
        }
        Response response = new Response(refusal.code());
        response.setPayload(refusal.reason());
        if (refusal.code() == CoAP.ResponseCode.SERVICE_UNAVAILABLE) {
            response.getOptions().setMaxAge(RETRY_AFTER_S);
        }
        exchange.sendResponse(response);
        logSometimes(refusal.reason(), request);
    }

    record Refusal(CoAP.ResponseCode code, String reason) {}

    /** Why a Register or Update must not reach Leshan, or null. */
    Refusal check(Request request) {
        List<String> path = request.getOptions().getUriPath();
        boolean register = path.size() == 1;
        String endpoint = null;
        for (String param : request.getOptions().getUriQuery()) {
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? null : param.substring(eq + 1);
            String bad = switch (name) {
                case "lt" -> lifetime(value);
                case "b" -> binding(value);
                case "ep" -> {
                    endpoint = value;
                    yield Endpoints.isValidKey(value) ? null
                            : "ep must be 1 to 255 characters without '/', '\\', spaces, control characters, '?', '#' or '%'";
                }
                default -> null;
            };
            if (bad != null) {
                refusedParameters.incrementAndGet();
                return new Refusal(CoAP.ResponseCode.BAD_REQUEST, bad);
            }
        }
        if (!register || endpoint == null) {
            return null; // Leshan answers a Register without ep itself (4.00)
        }
        if (server.getRegistrationService().getByEndpoint(endpoint) != null) {
            return null; // a registration replacing the endpoint's own takes no more room
        }
        long max = settings.integer(Settings.MAX_REGISTRATIONS);
        if (registrations.get() >= max) {
            refusedFull.incrementAndGet();
            return new Refusal(CoAP.ResponseCode.SERVICE_UNAVAILABLE, "this server holds " + max
                    + " registrations, its limit (setting max_registrations): try again later");
        }
        if (!endpoints.records().exists(endpoint)) {
            long maxUnprovisioned = settings.integer(Settings.MAX_UNPROVISIONED_ENDPOINTS);
            if (endpoints.registrations().unprovisionedCount() >= maxUnprovisioned) {
                refusedUnprovisioned.incrementAndGet();
                return new Refusal(CoAP.ResponseCode.SERVICE_UNAVAILABLE, "this server keeps " + maxUnprovisioned
                        + " records of endpoints nobody provisioned, its limit (setting max_unprovisioned_endpoints):"
                        + " provision '" + endpoint + "' over the API or try again later");
            }
        }
        return null;
    }

    private String lifetime(String value) {
        long min = settings.integer(Settings.LIFETIME_MIN_S);
        long max = settings.integer(Settings.LIFETIME_MAX_S);
        String expected = "lt must be a whole number of seconds from " + min + " to " + max
                + " (settings lifetime_min_s, lifetime_max_s)";
        try {
            long lt = Long.parseLong(value == null ? "" : value);
            return lt < min || lt > max ? expected + ", not " + lt : null;
        } catch (NumberFormatException e) {
            return expected + ", not '" + printable(value) + "'";
        }
    }

    private static String binding(String value) {
        try {
            BindingMode.parse(value == null ? "" : value);
            return null;
        } catch (IllegalArgumentException e) {
            return "b must be binding letters such as U, UQ, T or N, not '" + printable(value) + "'";
        }
    }

    /** At most 40 characters of a client's text, control characters shown as '?'. */
    private static String printable(String s) {
        if (s == null) {
            return "";
        }
        String cut = s.length() > 40 ? s.substring(0, 40) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    private void logSometimes(String reason, Request request) {
        long now = clock.millis();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY.toMillis() && lastLogged.compareAndSet(last, now)) {
            LOG.warn("refused a registration from {}: {} (so far: {} over max_registrations, {} over"
                    + " max_unprovisioned_endpoints, {} with bad parameters; further refusals are counted in"
                    + " GET /api/v1/stats and logged every {} s)", request.getSourceContext().getPeerAddress(),
                    reason, refusedFull.get(), refusedUnprovisioned.get(), refusedParameters.get(),
                    LOG_EVERY.toSeconds());
        }
    }

    /**
     * Deletes the records of endpoints nobody provisioned that are not registered and were not heard from
     * for the setting {@code unprovisioned_expiry_s} (0: never). Quick when there is nothing to expire.
     */
    public void expireUnprovisioned() {
        long after = settings.integer(Settings.UNPROVISIONED_EXPIRY_S);
        if (after <= 0) {
            return;
        }
        Instant cutoff = clock.instant().minusSeconds(after);
        List<String> expired = endpoints.registrations().expireUnprovisioned(cutoff);
        if (!expired.isEmpty()) {
            expiredRecords.addAndGet(expired.size());
            LOG.info("deleted {} endpoint records nobody provisioned, not seen for {} s (setting"
                    + " unprovisioned_expiry_s), e.g. '{}'", expired.size(), after, expired.get(0));
        }
    }

    /** Registrations held now. */
    public int current() {
        return registrations.get();
    }

    /** Registers answered 5.03 because {@code max_registrations} were held. */
    public long refusedFull() {
        return refusedFull.get();
    }

    /** Registers answered 5.03 because {@code max_unprovisioned_endpoints} records were held. */
    public long refusedUnprovisioned() {
        return refusedUnprovisioned.get();
    }

    /** Registers and Updates answered 4.00 for their parameters (a lifetime out of bounds, ...). */
    public long refusedParameters() {
        return refusedParameters.get();
    }

    /** What {@code GET /api/v1/stats} shows under {@code registrations}. */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current", registrations.get());
        m.put("max", settings.integer(Settings.MAX_REGISTRATIONS));
        m.put("unprovisionedRecords", endpoints.registrations().unprovisionedCount());
        m.put("unprovisionedMax", settings.integer(Settings.MAX_UNPROVISIONED_ENDPOINTS));
        m.put("refusedFull", refusedFull.get());
        m.put("refusedUnprovisioned", refusedUnprovisioned.get());
        m.put("refusedParameters", refusedParameters.get());
        m.put("expiredRecords", expiredRecords.get());
        return m;
    }

    /** Keeps {@link #registrations} in step with Leshan's registration store. */
    private RegistrationListener counter() {
        return new RegistrationListener() {
            @Override
            public void registered(Registration registration, Registration previous,
                    Collection<Observation> previousObservations) {
                if (previous == null) {
                    registrations.incrementAndGet();
                }
            }

            @Override
            public void updated(RegistrationUpdate update, Registration updatedRegistration, Registration previous) {
                // same registration
            }

            @Override
            public void unregistered(Registration registration, Collection<Observation> observations, boolean expired,
                    Registration newRegistration) {
                if (newRegistration == null) {
                    registrations.decrementAndGet();
                }
            }
        };
    }
}
