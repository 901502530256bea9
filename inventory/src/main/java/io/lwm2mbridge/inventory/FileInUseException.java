package io.lwm2mbridge.inventory;

/** Thrown by {@link FirmwareInventory#delete} when a running firmware update still uses the file. */
public final class FileInUseException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String name;

    public FileInUseException(String name) {
        super("firmware file '" + name + "' is used by a running firmware update");
        this.name = name;
    }

    public String name() {
        return name;
    }
}
