package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.lwm2m.RegistryModelProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.leshan.core.link.lwm2m.LwM2mLink;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.BootstrapDeleteRequest;
import org.eclipse.leshan.core.request.BootstrapDiscoverRequest;
import org.eclipse.leshan.core.request.BootstrapDownlinkRequest;
import org.eclipse.leshan.core.request.BootstrapWriteRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.response.BootstrapDiscoverResponse;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.bootstrap.BootstrapTaskProvider;
import org.eclipse.leshan.server.bootstrap.BootstrapUtil;

/**
 * Gives Leshan the requests of a bootstrap session: resolves the configuration once per session (see
 * {@link BootstrapResolver}); for LwM2M 1.1 devices asks Bootstrap-Discover first to learn which
 * Security instance is the bootstrap account; then the Security/Server/ACL writes and the extra object
 * values. Called by Leshan on bootstrap protocol threads.
 */
final class BridgeTaskProvider implements BootstrapTaskProvider {

    /** Object versions the Security, Server and ACL instances are written in (as Leshan's own provider). */
    private static final Map<Integer, String> CORE_VERSIONS = Map.of(0, "1.1", 1, "1.1", 2, "1.0");

    private final BootstrapResolver resolver;
    private final RegistryModelProvider models;
    private final Map<String, BootstrapResolver.Resolution> sessions = new ConcurrentHashMap<>();

    BridgeTaskProvider(BootstrapResolver resolver, RegistryModelProvider models) {
        this.resolver = resolver;
        this.models = models;
    }

    /** The resolution of a session, removed: the session is over. */
    BootstrapResolver.Resolution forget(String sessionId) {
        return sessionId == null ? null : sessions.remove(sessionId);
    }

    BootstrapResolver.Resolution peek(String sessionId) {
        return sessions.get(sessionId);
    }

    @Override
    public Tasks getTasks(BootstrapSession session, List<LwM2mResponse> previousResponses) {
        if (previousResponses == null) {
            BootstrapResolver.Resolution r = resolver.resolve(session);
            sessions.put(session.getId(), r);
            if (r.plan() == null) {
                return null; // Leshan answers the Bootstrap-Request 4.00 "no bootstrap config"
            }
            if (r.plan().config().autoIdForSecurityObject) {
                Tasks discover = new Tasks();
                discover.requestsToSend = new ArrayList<>(List.of(new BootstrapDiscoverRequest()));
                discover.last = false;
                return discover;
            }
            return writes(session, r.plan(), null);
        }
        BootstrapResolver.Resolution r = sessions.get(session.getId());
        if (r == null || r.plan() == null || previousResponses.isEmpty()
                || !(previousResponses.get(0) instanceof BootstrapDiscoverResponse discovered)
                || !discovered.isSuccess()) {
            return null;
        }
        Integer bootstrapInstance = bootstrapInstance(discovered.getObjectLinks());
        return writes(session, r.plan(), bootstrapInstance == null ? 0 : bootstrapInstance);
    }

    private Tasks writes(BootstrapSession session, BootstrapPlan plan, Integer bootstrapInstance) {
        BootstrapConfig config = plan.config();
        ContentFormat format = config.contentFormat != null ? config.contentFormat : session.getContentFormat();
        List<BootstrapDownlinkRequest<? extends LwM2mResponse>> requests = bootstrapInstance == null
                ? BootstrapUtil.toRequests(config, format)
                : BootstrapUtil.toRequests(config, format, bootstrapInstance);
        Map<Integer, String> versions = new HashMap<>(CORE_VERSIONS);
        plan.objects().forEach((objectId, instances) -> {
            versions.putIfAbsent(objectId, null);
            instances.forEach((instanceId, values) -> {
                if (values == null) {
                    requests.add(new BootstrapDeleteRequest(objectId, instanceId));
                } else {
                    requests.add(new BootstrapWriteRequest(new LwM2mPath(objectId, instanceId),
                            ObjectValues.instance(models.model(objectId, null), objectId, instanceId, values), format));
                }
            });
        });
        Tasks tasks = new Tasks();
        tasks.requestsToSend = requests;
        tasks.supportedObjects = versions;
        tasks.last = true;
        return tasks;
    }

    /** The Security instance without a short server id is the bootstrap server's account. */
    private static Integer bootstrapInstance(LwM2mLink[] links) {
        for (LwM2mLink link : links) {
            if (link.getPath().isObjectInstance() && link.getPath().getObjectId() == 0
                    && !link.getAttributes().contains(LwM2mAttributes.SHORT_SERVER_ID)) {
                return link.getPath().getObjectInstanceId();
            }
        }
        return null;
    }
}
