package io.lwm2mbridge.engine.firmware.fota;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.firmware.fota.json.FotaJobJson;
import java.time.Instant;
import java.util.Map;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.Test;

/** A job survives the store's JSON as it was, and the view leaves out what only the state machine needs. */
class FotaJobJsonTest {

    private static JobRecord updating() {
        FotaJob job = new FotaJob(new JobRequest("fw-1", 7, "dev-1", "fw.bin", "http://h/fw/x/fw.bin?epid=dev-1",
                DownloadProtocol.HTTP, Delivery.PULL, 0, Map.of("ticket", 42), true, ContentFormat.TLV));
        job.phase = Phase.UPDATING;
        job.waiting = Waiting.DEVICE;
        job.stateCode = FirmwareState.UPDATING.code();
        job.resultCode = UpdateResult.INITIAL.code();
        job.versionBefore = "1.0";
        job.executed = true;
        job.sawDownloading = true;
        job.downloadedBytes = 10L;
        job.sizeBytes = 10L;
        job.dateStarted = Instant.parse("2030-01-01T00:00:00Z");
        job.dateDownloading = Instant.parse("2030-01-01T00:00:01Z");
        job.dateDownloaded = Instant.parse("2030-01-01T00:00:02Z");
        job.dateUpdating = Instant.parse("2030-01-01T00:00:03.5Z");
        job.deadline = Instant.parse("2030-01-01T00:10:00Z");
        return job.record();
    }

    @Test
    void a_stored_job_reads_back_equal() {
        JobRecord job = updating();
        assertThat(FotaJobJson.read(FotaJobJson.stored(job))).isEqualTo(job);
    }

    @Test
    void the_view_shows_the_wire_names_without_internal_fields() {
        Map<String, Object> view = FotaJobJson.view(updating());
        assertThat(view).containsEntry("phase", "updating").containsEntry("waiting", "device")
                .containsEntry("state", "updating").containsEntry("result", "Initial value")
                .containsEntry("delivery", "pull").containsEntry("protocol", "http").containsEntry("instance", "0")
                .containsEntry("encoding", "tlv").containsEntry("dateUpdating", "2030-01-01T00:00:03.500Z")
                .containsEntry("duration", null)
                .doesNotContainKeys("sequence", "executed", "sawDownloading");
    }

    @Test
    void an_ended_job_keeps_its_result_and_duration() {
        FotaJob job = FotaJob.restore(updating());
        job.phase = Phase.COMPLETE;
        job.success = false;
        job.result = UpdateResult.TIMED_OUT_UPDATING;
        job.dateComplete = Instant.parse("2030-01-01T00:10:00Z");
        JobRecord ended = FotaJobJson.read(FotaJobJson.stored(job.record()));
        assertThat(ended.result()).isEqualTo(UpdateResult.TIMED_OUT_UPDATING);
        assertThat(ended.duration()).isEqualTo(600.0);
        assertThat(FotaJob.restore(ended).result).isEqualTo(UpdateResult.TIMED_OUT_UPDATING);
    }
}
