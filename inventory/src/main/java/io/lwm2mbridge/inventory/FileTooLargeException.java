package io.lwm2mbridge.inventory;

import java.io.IOException;

/**
 * Thrown by {@link FirmwareInventory#store} when the content exceeds the inventory's limit; nothing was
 * kept and an existing file of that name is unchanged. An {@link IOException} because it ends a read.
 */
public final class FileTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long maxBytes;

    public FileTooLargeException(String name, long maxBytes) {
        super("firmware file '" + name + "' is larger than the limit of " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** The limit that was exceeded, in bytes (for an HTTP 413 answer). */
    public long maxBytes() {
        return maxBytes;
    }
}
