package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventData;
import io.lwm2mbridge.engine.events.FirmwareCompleteData;
import io.lwm2mbridge.engine.events.FirmwareStatusData;
import io.lwm2mbridge.engine.events.EventType;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two events of a firmware update: {@code lwm2m-firmware-update-status} and {@code -complete}. */
record FotaEvents(EventBus bus, Endpoints endpoints) {

    private static final Logger LOG = LoggerFactory.getLogger(FotaEvents.class);

    /** The device's State or Update Result changed. */
    void status(FotaJob job) {
        publish(EventType.LWM2M_FIRMWARE_UPDATE_STATUS, job, new FirmwareStatusData(FirmwareState.nameOf(job.stateCode),
                job.stateCode, UpdateResult.text(job.resultCode), job.resultCode, job.id(), job.request.context()));
    }

    /** The update ended; sent exactly once per job. */
    void complete(FotaJob job) {
        publish(EventType.LWM2M_FIRMWARE_UPDATE_COMPLETE, job, new FirmwareCompleteData(job.success, job.result,
                job.resultCode, job.dateStarted, job.dateDownloading, job.dateDownloaded, job.dateUpdating,
                job.dateComplete, job.record().duration(), job.id(), job.request.file(), job.request.uri(),
                job.request.context()));
    }

    private void publish(EventType type, FotaJob job, EventData data) {
        try {
            bus.publish(type, endpoints.records().ref(job.endpoint()), data);
        } catch (RejectedExecutionException e) {
            // the server is stopping: the job itself is stored, only the event is lost
            LOG.info("{} of {} not published, the event bus is stopped", type, job.endpoint());
        }
    }
}
