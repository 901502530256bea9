package io.lwm2mbridge.engine.firmware.fota;

/**
 * How the image reaches the device: {@code pull} writes a URI to Package URI (5/x/1) for the device to
 * download, {@code push} writes the image itself to Package (5/x/0), block by block.
 */
public enum Delivery {
    PULL,
    PUSH;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a device announcing {@code method} in Firmware Update Delivery Method (5/x/9) accepts this. */
    boolean supportedBy(long method) {
        return method == 2 || (this == PULL ? method == 0 : method == 1);
    }

    static String describeMethod(long method) {
        return switch ((int) method) {
            case 0 -> "pull only";
            case 1 -> "push only";
            case 2 -> "pull and push";
            default -> "delivery method " + method;
        };
    }
}
