package io.lwm2mbridge.inventory;

import java.time.Instant;

/**
 * Metadata of one firmware file in the inventory; immutable, a new value after each replacement.
 *
 * @param name        the inventory name (see {@link FirmwareName})
 * @param size        content length in bytes
 * @param sha256      SHA-256 of the content, lower-case hex
 * @param version     free text given at upload, may be null
 * @param description free text given at upload, may be null
 * @param created     when a file of this name was first stored (kept across replacements)
 * @param updated     when the current content was stored
 * @param downloadId  the random, unguessable 128-bit id (32 lower-case hex digits) in download URIs
 */
public record FirmwareFile(
        String name,
        long size,
        String sha256,
        String version,
        String description,
        Instant created,
        Instant updated,
        String downloadId) {

    /** The path devices download this file from, over HTTP or CoAP: {@code /fw/<downloadId>/<name>}. */
    public String downloadPath() {
        return "/fw/" + downloadId + "/" + name;
    }
}
