package io.lwm2mbridge.engine.firmware.fota;

import static io.lwm2mbridge.engine.firmware.fota.FirmwareState.DOWNLOADED;
import static io.lwm2mbridge.engine.firmware.fota.FirmwareState.DOWNLOADING;
import static io.lwm2mbridge.engine.firmware.fota.FirmwareState.IDLE;
import static io.lwm2mbridge.engine.firmware.fota.FirmwareState.UPDATING;
import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.firmware.fota.UpdateFlow.OnResult;
import io.lwm2mbridge.engine.firmware.fota.UpdateFlow.OnState;
import org.junit.jupiter.api.Test;

/**
 * The object 5 state machine as a job follows it: every State transition the LwM2M specification allows,
 * one it does not, and what each Update Result means in each phase.
 */
class UpdateFlowTest {

    // ------------------------------------------------------------------ State (5/x/3)

    @Test
    void idle_to_downloading_notes_the_download() {
        assertThat(UpdateFlow.onState(Phase.DOWNLOADING, DOWNLOADING, false, false)).isEqualTo(OnState.DOWNLOADING);
    }

    @Test
    void downloading_to_downloaded_executes_update() {
        assertThat(UpdateFlow.onState(Phase.DOWNLOADING, DOWNLOADED, true, false)).isEqualTo(OnState.DOWNLOADED);
    }

    @Test
    void downloading_to_idle_reads_the_result_once_the_device_was_seen_downloading() {
        assertThat(UpdateFlow.onState(Phase.DOWNLOADING, IDLE, true, false)).isEqualTo(OnState.READ_RESULT);
        // Idle before the device started is the state it was handed the URI in
        assertThat(UpdateFlow.onState(Phase.DOWNLOADING, IDLE, false, false)).isEqualTo(OnState.NONE);
    }

    @Test
    void downloaded_to_updating_moves_the_job_on() {
        assertThat(UpdateFlow.onState(Phase.DOWNLOADED, UPDATING, false, true)).isEqualTo(OnState.UPDATING);
    }

    @Test
    void downloaded_again_executes_update_once() {
        assertThat(UpdateFlow.onState(Phase.DOWNLOADED, DOWNLOADED, false, false)).isEqualTo(OnState.EXECUTE);
        assertThat(UpdateFlow.onState(Phase.DOWNLOADED, DOWNLOADED, false, true)).isEqualTo(OnState.NONE);
    }

    @Test
    void downloaded_to_idle_reads_the_result() {
        assertThat(UpdateFlow.onState(Phase.DOWNLOADED, IDLE, true, true)).isEqualTo(OnState.READ_RESULT);
    }

    @Test
    void updating_to_idle_or_back_to_downloaded_reads_the_result() {
        assertThat(UpdateFlow.onState(Phase.UPDATING, IDLE, true, true)).isEqualTo(OnState.READ_RESULT);
        assertThat(UpdateFlow.onState(Phase.UPDATING, DOWNLOADED, true, true)).isEqualTo(OnState.READ_RESULT);
    }

    @Test
    void a_transition_the_specification_does_not_allow_is_refused() {
        // Downloading straight to Updating: no Update was executed
        assertThat(UpdateFlow.onState(Phase.DOWNLOADING, UPDATING, true, false)).isEqualTo(OnState.NONE);
        assertThat(UpdateFlow.onState(Phase.DOWNLOADED, DOWNLOADING, true, true)).isEqualTo(OnState.NONE);
        assertThat(UpdateFlow.onState(Phase.UPDATING, DOWNLOADING, true, true)).isEqualTo(OnState.NONE);
    }

    @Test
    void states_before_the_handover_or_after_the_end_change_nothing() {
        for (FirmwareState state : FirmwareState.values()) {
            assertThat(UpdateFlow.onState(Phase.QUEUED, state, false, false)).isEqualTo(OnState.NONE);
            assertThat(UpdateFlow.onState(Phase.STARTING, state, false, false)).isEqualTo(OnState.NONE);
            assertThat(UpdateFlow.onState(Phase.COMPLETE, state, true, true)).isEqualTo(OnState.NONE);
        }
    }

    // ------------------------------------------------------------------ Update Result (5/x/5)

    @Test
    void a_result_before_the_image_is_handed_over_is_left_from_an_earlier_update() {
        for (UpdateResult result : UpdateResult.values()) {
            assertThat(UpdateFlow.onResult(Phase.STARTING, result)).isEqualTo(OnResult.IGNORE);
            assertThat(UpdateFlow.onResult(Phase.QUEUED, result)).isEqualTo(OnResult.IGNORE);
        }
    }

    @Test
    void success_counts_once_the_image_is_downloaded() {
        assertThat(UpdateFlow.onResult(Phase.DOWNLOADING, UpdateResult.SUCCESS)).isEqualTo(OnResult.KEEP);
        assertThat(UpdateFlow.onResult(Phase.DOWNLOADED, UpdateResult.SUCCESS)).isEqualTo(OnResult.SUCCEED);
        assertThat(UpdateFlow.onResult(Phase.UPDATING, UpdateResult.SUCCESS)).isEqualTo(OnResult.SUCCEED);
    }

    @Test
    void failures_2_to_9_and_cancelled_end_the_job_in_every_phase_after_the_handover() {
        for (Phase phase : new Phase[] {Phase.DOWNLOADING, Phase.DOWNLOADED, Phase.UPDATING}) {
            for (UpdateResult result : UpdateResult.values()) {
                boolean ends = result.code() >= 2 && result.code() <= 10;
                OnResult expected = result == UpdateResult.SUCCESS ? UpdateFlow.onResult(phase, result)
                        : ends ? OnResult.FAIL : OnResult.KEEP;
                assertThat(UpdateFlow.onResult(phase, result)).as("%s in %s", result, phase).isEqualTo(expected);
            }
        }
    }

    @Test
    void initial_deferred_and_unknown_results_keep_waiting() {
        assertThat(UpdateFlow.onResult(Phase.UPDATING, UpdateResult.INITIAL)).isEqualTo(OnResult.KEEP);
        assertThat(UpdateFlow.onResult(Phase.UPDATING, UpdateResult.DEFERRED)).isEqualTo(OnResult.KEEP);
        assertThat(UpdateFlow.onResult(Phase.UPDATING, null)).isEqualTo(OnResult.KEEP);
    }

    @Test
    void codes_map_to_the_specification_values() {
        assertThat(FirmwareState.of(2)).contains(DOWNLOADED);
        assertThat(FirmwareState.of(7)).isEmpty();
        assertThat(FirmwareState.nameOf(7)).isEqualTo("unknown state 7");
        assertThat(UpdateResult.of(9)).contains(UpdateResult.UNSUPPORTED_PROTOCOL);
        assertThat(UpdateResult.text(5)).isEqualTo("Integrity check failure");
        assertThat(UpdateResult.text(12)).isEqualTo("Update result 12");
        assertThat(UpdateResult.CANCELLED.code()).isEqualTo(10);
    }
}
