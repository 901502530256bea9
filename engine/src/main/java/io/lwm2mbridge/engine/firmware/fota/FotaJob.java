package io.lwm2mbridge.engine.firmware.fota;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.server.registration.Registration;

/**
 * One firmware update of one device. Mutable, and touched only on the FOTA thread of {@link FotaService};
 * what is kept across restarts goes through {@link #toMap()} and {@link #fromMap}, the rest (the live
 * observations, the step waiting for the device) is rebuilt when the device registers again.
 */
final class FotaJob {

    // what was asked
    final String id;
    final long sequence;
    final String endpoint;
    final String file;
    final String uri;
    final DownloadProtocol protocol;
    final Delivery delivery;
    final int instance;
    final Object context;
    final boolean resetUri;
    final String encoding;

    // where it is
    Phase phase = Phase.QUEUED;
    Integer stateCode;
    Integer resultCode;
    String versionBefore;
    boolean executed;
    boolean sawDownloading;
    Instant dateStarted;
    Instant dateDownloading;
    Instant dateDownloaded;
    Instant dateUpdating;
    Instant dateComplete;
    Instant deadline;
    Boolean success;
    String result;
    String waiting;
    /** Bytes of the file sent to the device so far (the furthest it got) and the file's size; null when unknown (push, external URIs). */
    Long downloadedBytes;
    Long sizeBytes;

    // live only: rebuilt after a restart
    int epoch;
    final List<Observation> observations = new ArrayList<>();
    Consumer<Registration> pending;
    boolean executing;
    Integer emittedState;
    Integer emittedResult;

    FotaJob(String id, long sequence, String endpoint, String file, String uri, DownloadProtocol protocol,
            Delivery delivery, int instance, Object context, boolean resetUri, String encoding) {
        this.id = id;
        this.sequence = sequence;
        this.endpoint = endpoint;
        this.file = file;
        this.uri = uri;
        this.protocol = protocol;
        this.delivery = delivery;
        this.instance = instance;
        this.context = context;
        this.resetUri = resetUri;
        this.encoding = encoding;
    }

    boolean active() {
        return phase != Phase.COMPLETE;
    }

    /** "/5/0/3" for resource 3 of this job's instance. */
    String path(int resource) {
        return "/5/" + instance + "/" + resource;
    }

    /** The job as the API shows it and the store keeps it. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("sequence", sequence);
        m.put("endpoint", endpoint);
        m.put("file", file);
        m.put("uri", uri);
        m.put("protocol", protocol == null ? null : protocol.scheme());
        m.put("delivery", delivery.wireName());
        m.put("instance", Integer.toString(instance));
        m.put("resetUri", resetUri);
        m.put("encoding", encoding);
        m.put("phase", phase.wireName());
        m.put("waiting", waiting);
        m.put("state", FirmwareState.nameOf(stateCode));
        m.put("stateCode", stateCode);
        m.put("resultCode", resultCode);
        m.put("result", result != null ? result : UpdateResult.text(resultCode));
        m.put("success", success);
        m.put("versionBefore", versionBefore);
        m.put("downloadedBytes", downloadedBytes);
        m.put("sizeBytes", sizeBytes);
        m.put("executed", executed);
        m.put("sawDownloading", sawDownloading);
        m.put("dateStarted", text(dateStarted));
        m.put("dateDownloading", text(dateDownloading));
        m.put("dateDownloaded", text(dateDownloaded));
        m.put("dateUpdating", text(dateUpdating));
        m.put("dateComplete", text(dateComplete));
        m.put("duration", duration());
        m.put("deadline", text(deadline));
        m.put("context", context);
        return m;
    }

    /** Seconds from start to completion, with milliseconds; null while running. */
    Double duration() {
        if (dateStarted == null || dateComplete == null) {
            return null;
        }
        return Duration.between(dateStarted, dateComplete).toMillis() / 1000.0;
    }

    static FotaJob fromMap(Map<String, Object> m) {
        FotaJob job = new FotaJob((String) m.get("id"), ((Number) m.get("sequence")).longValue(),
                (String) m.get("endpoint"), (String) m.get("file"), (String) m.get("uri"),
                DownloadProtocol.ofScheme((String) m.get("protocol")).orElse(null),
                "push".equals(m.get("delivery")) ? Delivery.PUSH : Delivery.PULL,
                Integer.parseInt(String.valueOf(m.get("instance"))), m.get("context"),
                Boolean.TRUE.equals(m.get("resetUri")), (String) m.get("encoding"));
        job.phase = Phase.valueOf(String.valueOf(m.get("phase")).toUpperCase(java.util.Locale.ROOT));
        job.waiting = (String) m.get("waiting");
        job.downloadedBytes = m.get("downloadedBytes") instanceof Number n ? n.longValue() : null;
        job.sizeBytes = m.get("sizeBytes") instanceof Number n ? n.longValue() : null;
        job.stateCode = integer(m.get("stateCode"));
        job.resultCode = integer(m.get("resultCode"));
        job.success = (Boolean) m.get("success");
        job.result = job.phase == Phase.COMPLETE ? (String) m.get("result") : null;
        job.versionBefore = (String) m.get("versionBefore");
        job.executed = Boolean.TRUE.equals(m.get("executed"));
        job.sawDownloading = Boolean.TRUE.equals(m.get("sawDownloading"));
        job.dateStarted = instant(m.get("dateStarted"));
        job.dateDownloading = instant(m.get("dateDownloading"));
        job.dateDownloaded = instant(m.get("dateDownloaded"));
        job.dateUpdating = instant(m.get("dateUpdating"));
        job.dateComplete = instant(m.get("dateComplete"));
        job.deadline = instant(m.get("deadline"));
        return job;
    }

    private static Integer integer(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }

    private static Instant instant(Object v) {
        return v == null ? null : Instant.parse(String.valueOf(v));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
