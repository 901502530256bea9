package io.lwm2mbridge.engine.fota;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two events of a firmware update: {@code lwm2m-firmware-update-status} and {@code -complete}. */
final class FotaEvents {

    private static final Logger LOG = LoggerFactory.getLogger(FotaEvents.class);

    private final EventBus bus;
    private final Endpoints endpoints;

    FotaEvents(EventBus bus, Endpoints endpoints) {
        this.bus = bus;
        this.endpoints = endpoints;
    }

    /** The device's State or Update Result changed. */
    void status(FotaJob job) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("state", FirmwareState.nameOf(job.stateCode));
        d.put("stateCode", job.stateCode);
        d.put("result", UpdateResult.text(job.resultCode));
        d.put("resultCode", job.resultCode);
        d.put("jobId", job.id);
        d.put("context", job.context);
        publish(EventType.LWM2M_FIRMWARE_UPDATE_STATUS, job, d);
    }

    /** The update ended; sent exactly once per job. */
    void complete(FotaJob job) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("success", job.success);
        d.put("result", job.result);
        d.put("resultCode", job.resultCode);
        d.put("dateStarted", text(job.dateStarted));
        d.put("dateDownloading", text(job.dateDownloading));
        d.put("dateDownloaded", text(job.dateDownloaded));
        d.put("dateUpdating", text(job.dateUpdating));
        d.put("dateComplete", text(job.dateComplete));
        d.put("duration", job.duration());
        d.put("jobId", job.id);
        d.put("file", job.file);
        d.put("uri", job.uri);
        d.put("context", job.context);
        publish(EventType.LWM2M_FIRMWARE_UPDATE_COMPLETE, job, d);
    }

    private void publish(EventType type, FotaJob job, Map<String, Object> data) {
        try {
            bus.publish(type, endpoints.records().ref(job.endpoint), data);
        } catch (RejectedExecutionException e) {
            // the server is stopping: the job itself is stored, only the event is lost
            LOG.info("{} of {} not published, the event bus is stopped", type, job.endpoint);
        }
    }

    private static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }
}
