package io.lwm2mbridge.engine.firmware.fota.json;

import io.lwm2mbridge.engine.firmware.fota.Delivery;
import io.lwm2mbridge.engine.firmware.fota.DownloadProtocol;
import io.lwm2mbridge.engine.firmware.fota.FirmwareState;
import io.lwm2mbridge.engine.firmware.fota.FotaOptions;
import io.lwm2mbridge.engine.firmware.fota.JobCodec;
import io.lwm2mbridge.engine.firmware.fota.JobRecord;
import io.lwm2mbridge.engine.firmware.fota.JobRequest;
import io.lwm2mbridge.engine.firmware.fota.Phase;
import io.lwm2mbridge.engine.firmware.fota.Waiting;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.leshan.core.request.ContentFormat;

/**
 * A job as JSON: the record the store keeps ({@link #stored}, read back by {@link #read}; the
 * {@link #CODEC} the FOTA service is given) and the view scripts and the API see ({@link #view}: the same
 * without the fields only the state machine needs).
 */
public final class FotaJobJson {

    /** How the FOTA service keeps its jobs in the store. */
    public static final JobCodec CODEC = new JobCodec() {
        @Override
        public Object write(JobRecord job) {
            return stored(job);
        }

        @Override
        public JobRecord read(Map<?, ?> stored) {
            return FotaJobJson.read(stored);
        }
    };

    /** Fields of the stored record that only the state machine needs. */
    private static final Set<String> INTERNAL = Set.of("sequence", "executed", "sawDownloading");

    private FotaJobJson() {}

    /** What {@code GET /fota/{id}} and {@code lwm2m.firmwareUpdate} show. */
    public static Map<String, Object> view(JobRecord job) {
        Map<String, Object> m = stored(job);
        m.keySet().removeAll(INTERNAL);
        return m;
    }

    /** The job as the store keeps it. */
    public static Map<String, Object> stored(JobRecord job) {
        JobRequest q = job.request();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", q.id());
        m.put("sequence", q.sequence());
        m.put("endpoint", q.endpoint());
        m.put("file", q.file());
        m.put("uri", q.uri());
        m.put("protocol", q.protocol() == null ? null : q.protocol().scheme());
        m.put("delivery", q.delivery().wireName());
        m.put("instance", Integer.toString(q.instance()));
        m.put("resetUri", q.resetUri());
        m.put("encoding", FotaOptions.encodingName(q.encoding()));
        m.put("phase", job.phase().wireName());
        m.put("waiting", job.waiting() == null ? null : job.waiting().wireName());
        m.put("state", FirmwareState.nameOf(job.stateCode()));
        m.put("stateCode", job.stateCode());
        m.put("resultCode", job.resultCode());
        m.put("result", job.result());
        m.put("success", job.success());
        m.put("versionBefore", job.versionBefore());
        m.put("downloadedBytes", job.downloadedBytes());
        m.put("sizeBytes", job.sizeBytes());
        m.put("executed", job.executed());
        m.put("sawDownloading", job.sawDownloading());
        m.put("dateStarted", text(job.dateStarted()));
        m.put("dateDownloading", text(job.dateDownloading()));
        m.put("dateDownloaded", text(job.dateDownloaded()));
        m.put("dateUpdating", text(job.dateUpdating()));
        m.put("dateComplete", text(job.dateComplete()));
        m.put("duration", job.duration());
        m.put("deadline", text(job.deadline()));
        m.put("context", q.context());
        return m;
    }

    /** A stored job read back. */
    public static JobRecord read(Map<?, ?> m) {
        JobRequest request = new JobRequest((String) m.get("id"), ((Number) m.get("sequence")).longValue(),
                (String) m.get("endpoint"), (String) m.get("file"), (String) m.get("uri"),
                DownloadProtocol.ofScheme((String) m.get("protocol")).orElse(null),
                "push".equals(m.get("delivery")) ? Delivery.PUSH : Delivery.PULL,
                Integer.parseInt(String.valueOf(m.get("instance"))), m.get("context"),
                Boolean.TRUE.equals(m.get("resetUri")), encoding(m.get("encoding")));
        Phase phase = Phase.valueOf(String.valueOf(m.get("phase")).toUpperCase(Locale.ROOT));
        return new JobRecord(request, phase, Waiting.ofWireName(m.get("waiting")), integer(m.get("stateCode")),
                integer(m.get("resultCode")), (String) m.get("result"), (Boolean) m.get("success"),
                (String) m.get("versionBefore"), longValue(m.get("downloadedBytes")), longValue(m.get("sizeBytes")),
                Boolean.TRUE.equals(m.get("executed")), Boolean.TRUE.equals(m.get("sawDownloading")),
                instant(m.get("dateStarted")), instant(m.get("dateDownloading")), instant(m.get("dateDownloaded")),
                instant(m.get("dateUpdating")), instant(m.get("dateComplete")), instant(m.get("deadline")));
    }

    /** A stored encoding name read back; text when it is missing or unknown. */
    private static ContentFormat encoding(Object name) {
        return name == null ? ContentFormat.TEXT : FotaOptions.encodingNamed(String.valueOf(name)).orElse(ContentFormat.TEXT);
    }

    private static Integer integer(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }

    private static Long longValue(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }

    private static Instant instant(Object v) {
        return v == null ? null : Instant.parse(String.valueOf(v));
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
