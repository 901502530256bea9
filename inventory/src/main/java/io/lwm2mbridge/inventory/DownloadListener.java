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
}
