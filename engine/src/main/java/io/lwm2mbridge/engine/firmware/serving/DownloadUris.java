package io.lwm2mbridge.engine.firmware.serving;

import io.lwm2mbridge.inventory.DownloadTracker;
import io.lwm2mbridge.inventory.FirmwareFile;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * Builds the URIs devices download inventory files from: {@code <scheme>://<public host>:<port>/fw/<id>/<name>}
 * with {@code epid=<endpoint>} unless the update says {@code noEpid}. The ports are asked for each time,
 * since the HTTP listener starts after the services that need URIs are built.
 */
public final class DownloadUris {

    private final String publicHost;
    private final IntSupplier httpPort;
    private final IntSupplier coapPort;
    private final IntSupplier coapsPort;

    /**
     * @param coapsPort the CoAPS port, or -1 when the server has no CoAPS listener
     */
    public DownloadUris(String publicHost, IntSupplier httpPort, IntSupplier coapPort, IntSupplier coapsPort) {
        this.publicHost = publicHost.contains(":") && !publicHost.startsWith("[") ? "[" + publicHost + "]" : publicHost;
        this.httpPort = httpPort;
        this.coapPort = coapPort;
        this.coapsPort = coapsPort;
    }

    /**
     * The download URI of {@code file} over {@code scheme} ({@code http}, {@code https}, {@code coap} or
     * {@code coaps}); empty when this server does not serve that scheme (it has no HTTPS listener, or no
     * CoAPS one).
     */
    public Optional<String> uri(FirmwareFile file, String scheme, String endpoint, boolean noEpid) {
        int port = switch (scheme) {
            case "http" -> httpPort.getAsInt();
            case "coap" -> coapPort.getAsInt();
            case "coaps" -> coapsPort.getAsInt();
            default -> -1;
        };
        if (port <= 0) {
            return Optional.empty();
        }
        String base = scheme + "://" + publicHost + ":" + port + file.downloadPath();
        return Optional.of(noEpid ? base : DownloadTracker.withEpid(base, endpoint));
    }

    /** The schemes inventory files are served with, for error messages. */
    public String served() {
        return coapsPort.getAsInt() > 0 ? "http, coap and coaps" : "http and coap";
    }
}
