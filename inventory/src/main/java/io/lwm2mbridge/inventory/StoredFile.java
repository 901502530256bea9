package io.lwm2mbridge.inventory;

import java.nio.file.Path;

/** A file of the inventory and the content file that holds it now. */
record StoredFile(FirmwareFile file, Path blob) {
}
