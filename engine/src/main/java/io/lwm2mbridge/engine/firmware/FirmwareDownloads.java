package io.lwm2mbridge.engine.firmware;

import io.lwm2mbridge.inventory.DownloadTracker;
import io.lwm2mbridge.inventory.FirmwareFile;
import io.lwm2mbridge.inventory.FirmwareInventory;
import java.time.Clock;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * What the HTTP download route and the inventory API share: the inventory, finding a file by its download
 * URI, and noting the {@code epid} of a device that starts downloading and how far it got.
 */
public record FirmwareDownloads(FirmwareInventory inventory, DownloadTracker tracker, Clock clock) {

    /** Bytes between two progress reports of an HTTP download. */
    static final long PROGRESS_STEP = 64 * 1024;

    /** The file at {@code /fw/<id>/<name>}: the id must be current and the name must be the file's own. */
    public Optional<FirmwareFile> find(String downloadId, String name) {
        return inventory.byDownloadId(downloadId).filter(f -> f.name().equals(name));
    }

    /** Notes that the device named by {@code epid} in the raw query started downloading {@code file}. */
    public void downloadStarted(FirmwareFile file, String rawQuery) {
        DownloadTracker.epidFromQuery(rawQuery).ifPresent(endpoint ->
                tracker.recordDownloadStart(file.downloadId(), endpoint, clock.instant()));
    }

    /**
     * Reports, as an HTTP answer streams, how far the device named by {@code epid} got: a counter to wrap
     * around the stream, which reports at most every {@value #PROGRESS_STEP} bytes and at its end.
     */
    public LongConsumer progressOf(FirmwareFile file, String rawQuery, long start) {
        Optional<String> endpoint = DownloadTracker.epidFromQuery(rawQuery);
        if (endpoint.isEmpty()) {
            return sent -> { };
        }
        return new LongConsumer() {
            private long reported = start;

            @Override
            public void accept(long servedUpTo) {
                if (servedUpTo - reported >= PROGRESS_STEP || servedUpTo >= file.size()) {
                    reported = servedUpTo;
                    tracker.recordDownloadProgress(file.downloadId(), endpoint.get(), servedUpTo);
                }
            }
        };
    }
}
