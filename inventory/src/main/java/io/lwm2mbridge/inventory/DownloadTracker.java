package io.lwm2mbridge.inventory;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code epid} bookkeeping: download URIs handed to devices carry {@code epid=<endpoint>}, and the
 * download handlers report here when a device starts fetching, so firmware updates learn when it began.
 *
 * <p>The handlers should report a start once per download: for the first CoAP block (num 0), or an HTTP
 * request without a range or with one starting at byte 0.
 */
public final class DownloadTracker {

    private static final Logger LOG = LoggerFactory.getLogger(DownloadTracker.class);
    private static final String EPID = "epid";

    private final FirmwareInventory inventory;
    private final List<DownloadListener> listeners = new CopyOnWriteArrayList<>();

    public DownloadTracker(FirmwareInventory inventory) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
    }

    public void addListener(DownloadListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(DownloadListener listener) {
        listeners.remove(listener);
    }

    /**
     * Tells the listeners, on this thread, that {@code endpoint} started downloading the file with that
     * download id; an unknown or stale id is ignored, since no update can be waiting on it.
     */
    public void recordDownloadStart(String downloadId, String endpoint, Instant when) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(when, "when");
        tell(downloadId, endpoint, (listener, file) -> listener.onDownloadStarted(file, endpoint, when));
    }

    /**
     * Tells the listeners, on this thread, how far {@code endpoint} got in the file with that download id
     * ({@link DownloadListener#onDownloadProgress}); an unknown or stale id is ignored.
     */
    public void recordDownloadProgress(String downloadId, String endpoint, long servedUpTo) {
        Objects.requireNonNull(endpoint, "endpoint");
        tell(downloadId, endpoint, (listener, file) -> listener.onDownloadProgress(file, endpoint, servedUpTo));
    }

    /** Calls every listener with the file of a current download id; a listener's failure is logged, not passed on. */
    private void tell(String downloadId, String endpoint, BiConsumer<DownloadListener, FirmwareFile> call) {
        Optional<FirmwareFile> file = inventory.byDownloadId(downloadId);
        if (file.isEmpty()) {
            LOG.debug("Download by {} for unknown download id {}", endpoint, downloadId);
            return;
        }
        for (DownloadListener listener : listeners) {
            try {
                call.accept(listener, file.get());
            } catch (RuntimeException e) {
                LOG.warn("Download listener {} failed for {}", listener, endpoint, e);
            }
        }
    }

    /**
     * The endpoint in the first non-empty {@code epid} parameter of a raw (percent-encoded) HTTP query,
     * percent-decoded. '+' stays '+': {@link #withEpid} never writes it for a space, and CoAP clients pass
     * it through literally. Empty for a null query, no {@code epid}, or a malformed escape.
     */
    public static Optional<String> epidFromQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String parameter : rawQuery.split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (equals < 0 || !EPID.equals(decode(key).orElse(null))) {
                continue;
            }
            Optional<String> value = decode(parameter.substring(equals + 1));
            if (value.isPresent() && !value.get().isEmpty()) {
                return value;
            }
        }
        return Optional.empty();
    }

    /**
     * The endpoint in CoAP Uri-Query options, which are already decoded ({@code "epid=dev 1"}).
     */
    public static Optional<String> epidFromUriQueries(List<String> uriQueries) {
        for (String option : uriQueries) {
            if (option.startsWith(EPID + "=") && option.length() > EPID.length() + 1) {
                return Optional.of(option.substring(EPID.length() + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * Appends {@code epid=<endpoint>} to {@code uri}: after '?' when it has no query, after '&amp;' when it
     * has one, before any fragment. The endpoint is percent-encoded (a space as {@code %20}).
     */
    public static String withEpid(String uri, String endpoint) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(endpoint, "endpoint");
        int hash = uri.indexOf('#');
        String base = hash < 0 ? uri : uri.substring(0, hash);
        String fragment = hash < 0 ? "" : uri.substring(hash);
        String separator;
        if (base.indexOf('?') < 0) {
            separator = "?";
        } else if (base.endsWith("?") || base.endsWith("&")) {
            separator = "";
        } else {
            separator = "&";
        }
        String encoded = URLEncoder.encode(endpoint, StandardCharsets.UTF_8).replace("+", "%20");
        return base + separator + EPID + "=" + encoded + fragment;
    }

    private static Optional<String> decode(String text) {
        try {
            // protect literal '+' from the form decoding URLDecoder does
            return Optional.of(URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
