package io.lwm2mbridge.engine.firmware.fota;

import org.eclipse.leshan.core.request.ContentFormat;

/**
 * What was asked of a firmware update job; fixed for the job's life.
 *
 * @param sequence the job's place in start order, which download slots follow
 * @param file the inventory file; null for a full URI
 * @param uri what the device is told to pull; null for a push
 * @param protocol how the image is pulled; null for a push or a URI of another scheme
 * @param context echoed in the job's events, a JSON value as the caller gave it; null when none
 * @param resetUri write an empty Package URI first
 * @param encoding the content format of that reset write
 */
public record JobRequest(String id, long sequence, String endpoint, String file, String uri, DownloadProtocol protocol,
        Delivery delivery, int instance, Object context, boolean resetUri, ContentFormat encoding) {
}
