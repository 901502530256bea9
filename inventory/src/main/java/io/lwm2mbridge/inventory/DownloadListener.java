package io.lwm2mbridge.inventory;

import java.time.Instant;

/**
 * Told when a device starts downloading an inventory file at a URI carrying its {@code epid}.
 *
 * <p>Called synchronously on the thread serving the download request (an HTTP or CoAP server thread):
 * it must return quickly and must not block. An exception it throws is logged and does not reach the
 * device or the other listeners.
 */
@FunctionalInterface
public interface DownloadListener {

    void onDownloadStarted(FirmwareFile file, String endpoint, Instant when);

    /**
     * The device named by {@code epid} has been sent the file up to byte {@code servedUpTo} (exclusive) of
     * its {@code file.size()}: after each CoAP block, and as an HTTP answer streams. Counts may repeat or go
     * back when a device retries a block or resumes; a listener keeps what it needs (the highest, say).
     */
    default void onDownloadProgress(FirmwareFile file, String endpoint, long servedUpTo) {
    }
}
