package io.lwm2mbridge.engine.firmware.fota;

import java.util.Locale;
import java.util.Optional;

/** The transfer protocols of a pull update, with their codes in Firmware Update Protocol Support (5/0/8). */
public enum DownloadProtocol {
    COAP(0),
    COAPS(1),
    HTTP(2),
    HTTPS(3);

    private final int code;

    DownloadProtocol(int code) {
        this.code = code;
    }

    /** The value of this protocol in resource 5/x/8. */
    public int code() {
        return code;
    }

    /** The URI scheme: {@code coap}, {@code https}, ... */
    public String scheme() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DownloadProtocol> ofScheme(String scheme) {
        if (scheme != null) {
            for (DownloadProtocol p : values()) {
                if (p.scheme().equalsIgnoreCase(scheme)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    public static Optional<DownloadProtocol> ofCode(long code) {
        for (DownloadProtocol p : values()) {
            if (p.code == code) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
