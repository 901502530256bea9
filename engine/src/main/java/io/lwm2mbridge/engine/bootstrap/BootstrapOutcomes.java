package io.lwm2mbridge.engine.bootstrap;

import io.lwm2mbridge.engine.security.PeerText;
import io.lwm2mbridge.engine.triggers.RunLog;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.leshan.core.peer.LwM2mPeer;
import org.eclipse.leshan.core.request.BootstrapDownlinkRequest;
import org.eclipse.leshan.core.request.BootstrapRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.bootstrap.BootstrapFailureCause;
import org.eclipse.leshan.server.bootstrap.BootstrapSession;
import org.eclipse.leshan.server.bootstrap.BootstrapSessionAdapter;

/**
 * Records how each bootstrap session ended, where the operator sees it: the endpoint's bootstrap
 * history and a run-log entry ({@code info} on success, {@code warn} on failure) with the source of the
 * configuration and, on failure, why. Leshan calls it on bootstrap protocol threads; it only records.
 */
final class BootstrapOutcomes extends BootstrapSessionAdapter {

    private final BridgeTaskProvider tasks;
    private final BootstrapHistory history;
    private final RunLog runLog;
    private final Clock clock;
    /** Requests a device answered with an error, per session, to explain a failure. */
    private final Map<String, List<String>> errors = new ConcurrentHashMap<>();

    BootstrapOutcomes(BridgeTaskProvider tasks, BootstrapHistory history, RunLog runLog, Clock clock) {
        this.tasks = tasks;
        this.history = history;
        this.runLog = runLog;
        this.clock = clock;
    }

    @Override
    public void unAuthorized(BootstrapRequest request, LwM2mPeer client) {
        // the authorizer has written why to the run log already
        record(request.getEndpointName(), "refused", null, "unauthorized: the credentials do not belong to this endpoint",
                PeerText.of(client), null, false);
    }

    @Override
    public void onResponseError(BootstrapSession session, BootstrapDownlinkRequest<? extends LwM2mResponse> request,
            LwM2mResponse response) {
        errors.computeIfAbsent(session.getId(), k -> new CopyOnWriteArrayList<>())
                .add(request.getClass().getSimpleName() + " " + request.getPath() + ": " + response.getCode()
                        + (response.getErrorMessage() == null ? "" : " " + response.getErrorMessage()));
    }

    @Override
    public void end(BootstrapSession session) {
        BootstrapResolver.Resolution r = tasks.forget(session.getId());
        List<String> problems = errors.remove(session.getId());
        record(session.getEndpoint(), "success", r, problems == null ? null : "some writes failed: " + problems,
                PeerText.of(session.getClientTransportData()), r == null ? null : r.version(), true);
    }

    @Override
    public void failed(BootstrapSession session, BootstrapFailureCause cause) {
        BootstrapResolver.Resolution r = tasks.forget(session.getId());
        List<String> problems = errors.remove(session.getId());
        String why = cause == BootstrapFailureCause.NO_BOOTSTRAP_CONFIG && r != null && r.refusal() != null
                ? r.refusal()
                : describe(cause) + (problems == null ? "" : ": " + problems);
        record(session.getEndpoint(), "failed", r, why, PeerText.of(session.getClientTransportData()),
                r == null ? null : r.version(), false);
    }

    private static String describe(BootstrapFailureCause cause) {
        return switch (cause) {
            case UNAUTHORIZED -> "unauthorized";
            case NO_BOOTSTRAP_CONFIG -> "no bootstrap configuration";
            case REQUEST_FAILED -> "the device did not answer a bootstrap request";
            case FINISH_FAILED -> "the device refused Bootstrap-Finish (its configuration is inconsistent)";
            case CANCELLED -> "cancelled: the device started a new bootstrap";
            case INTERNAL_SERVER_ERROR -> "internal error of the bootstrap server";
        };
    }

    private void record(String endpoint, String result, BootstrapResolver.Resolution r, String cause, String remoteAddr,
            String version, boolean ok) {
        BootstrapOutcome outcome = new BootstrapOutcome(clock.instant(), result,
                r == null || r.plan() == null ? null : r.plan().source(), cause, remoteAddr, version);
        history.add(endpoint, outcome);
        String message = ok ? "bootstrap finished (" + outcome.source() + ")" : "bootstrap " + result + ": " + cause;
        runLog.log(ok ? "info" : "warn", null, endpoint, message, outcome.toJson());
    }
}
