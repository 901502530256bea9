package io.lwm2mbridge.engine.firmware.fota;

/**
 * The firmware update state machine of LwM2M object 5, as a job follows it: what the job does when the
 * device reports a State (5/x/3) or an Update Result (5/x/5) in a given {@link Phase}. Pure: it only
 * decides, the steps act.
 *
 * <p>The specification's transitions: Idle to Downloading (a URI or package was written), Downloading to
 * Downloaded (the image is complete), Downloading to Idle (the download failed; the result says why),
 * Downloaded to Updating (Update was executed), Downloaded to Idle (cancelled), Updating to Idle (done;
 * the result says how) and Updating to Downloaded (the update failed, the image is kept). Any other State
 * in a phase (Updating while the image is still downloading, say) is refused: the job does nothing and
 * its phase timeout decides.
 */
final class UpdateFlow {

    /** What a reported State asks of the job. */
    enum OnState {
        /** Nothing: the State is the one the phase expects, or one the specification does not allow here. */
        NONE,
        /** The device started downloading: note the date. */
        DOWNLOADING,
        /** The image is complete: move to Downloaded and execute Update. */
        DOWNLOADED,
        /** Downloaded again after a new registration, Update not yet sent: execute it. */
        EXECUTE,
        /** The device is updating: move to Updating. */
        UPDATING,
        /** The device went back: only Update Result tells how it ended, read it. */
        READ_RESULT
    }

    /** What a reported Update Result means for the job. */
    enum OnResult {
        /** Left from an earlier update (the image is not handed over yet): nothing to do. */
        IGNORE,
        /** Not final (initial, deferred, or success while still downloading): keep waiting. */
        KEEP,
        /** The update worked. */
        SUCCEED,
        /** The update failed or was cancelled on the device. */
        FAIL
    }

    private UpdateFlow() {}

    /**
     * @param sawDownloading whether the device said Downloading before, so that Idle means it gave up
     * @param executeSent whether Update was executed or is on its way
     */
    static OnState onState(Phase phase, FirmwareState state, boolean sawDownloading, boolean executeSent) {
        return switch (phase) {
            case DOWNLOADING -> switch (state) {
                case DOWNLOADING -> OnState.DOWNLOADING;
                case DOWNLOADED -> OnState.DOWNLOADED;
                case IDLE -> sawDownloading ? OnState.READ_RESULT : OnState.NONE;
                case UPDATING -> OnState.NONE;
            };
            case DOWNLOADED -> switch (state) {
                case UPDATING -> OnState.UPDATING;
                case DOWNLOADED -> executeSent ? OnState.NONE : OnState.EXECUTE;
                case IDLE -> OnState.READ_RESULT;
                case DOWNLOADING -> OnState.NONE;
            };
            case UPDATING -> switch (state) {
                case IDLE, DOWNLOADED -> OnState.READ_RESULT;
                case DOWNLOADING, UPDATING -> OnState.NONE;
            };
            case QUEUED, STARTING, COMPLETE -> OnState.NONE;
        };
    }

    /** @param result null for a value the specification does not define, which is not final */
    static OnResult onResult(Phase phase, UpdateResult result) {
        boolean delivered = phase == Phase.DOWNLOADING || phase == Phase.DOWNLOADED || phase == Phase.UPDATING;
        if (!delivered) {
            return OnResult.IGNORE;
        }
        if (result == null) {
            return OnResult.KEEP;
        }
        if (result == UpdateResult.SUCCESS) {
            return phase == Phase.DOWNLOADING ? OnResult.KEEP : OnResult.SUCCEED;
        }
        return result.failure() || result == UpdateResult.CANCELLED ? OnResult.FAIL : OnResult.KEEP;
    }
}
