package io.lwm2mbridge.engine.config;

import io.lwm2mbridge.engine.store.KeyValueStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The settings operators tune while the server runs ({@code /api/v1/settings}). Values are kept in
 * the store, so they survive a restart; reads are lock-free and listeners hear about every change.
 */
public final class Settings {

    public static final Setting SCRIPT_CPU_BUDGET_MS = Setting.integer("script_cpu_budget_ms",
            "CPU time one trigger run may spend executing script code; waiting for devices does not count",
            5000, "ms", 10, 600_000);
    public static final Setting SCRIPT_WALL_CLOCK_LIMIT_S = Setting.integer("script_wall_clock_limit_s",
            "total time one trigger run may take, waits for devices and other triggers included",
            120, "s", 1, 3600);
    public static final Setting SCRIPT_ALLOCATION_BUDGET_MB = Setting.integer("script_allocation_budget_mb",
            "memory one trigger run may allocate (its thread's allocations, garbage included) before it is stopped and"
            + " the failure recorded, so a script piling up objects is stopped long before the heap fills", 256, "MiB",
            16, 65_536);
    public static final Setting TRANSLATE_IDS = Setting.choice("translateIds",
            "key format of object trees in events and results when a call does not choose one",
            "combined", List.of("combined", "strings", "numbers"));
    public static final Setting DEVICE_TIMEOUT_S = Setting.integer("device_timeout_s",
            "how long a request to a device waits for its answer when the call gives no timeout",
            30, "s", 1, 3600);
    public static final Setting EVENTS_KEPT = Setting.integer("events_kept",
            "how many recent events GET /events can return; older ones are dropped", 10_000, null, 100, 10_000_000);
    public static final Setting LOGS_KEPT = Setting.integer("logs_kept",
            "how many recent script log entries and trigger errors are kept", 10_000, null, 100, 10_000_000);

    public static final Setting BOOTSTRAP_LIFETIME = Setting.integer("bootstrap_lifetime",
            "registration lifetime written to the LwM2M Server object by a bootstrap whose configuration gives none"
            + " (the automatic bootstrap of a known endpoint, a server entry without lifetime)",
            3600, "s", 10, 31_536_000);
    public static final Setting BOOTSTRAP_REPLY_TIMEOUT_S = Setting.integer("bootstrap_reply_timeout_s",
            "how long a Bootstrap-Request waits for an lwm2m-bootstrap trigger to call trigger.reply before the"
            + " stored configuration (or the automatic one) is used", 10, "s", 1, 120);
    public static final Setting BOOTSTRAP_NOSEC_ALLOWED = Setting.bool("bootstrap_nosec_allowed",
            "whether endpoints without provisioned credentials may bootstrap over plain CoAP (port 5783);"
            + " endpoints with provisioned credentials always bootstrap over DTLS", true);
    public static final Setting LWM2M_NOSEC_ALLOWED = Setting.bool("lwm2m_nosec_allowed",
            "whether endpoints without credentials may register over plain CoAP (port 5683);"
            + " endpoints with credentials must always use DTLS", true);
    public static final Setting DTLS_CIPHER_SUITES = Setting.choice("dtls_cipher_suites",
            "DTLS cipher suites offered: 'compatible' adds the CBC suites LwM2M 1.0 devices need to the AEAD ones"
            + " of 'modern'; read at start (restart to apply)", "compatible", List.of("compatible", "modern"));
    public static final Setting DTLS_SESSION_RESUMPTION = Setting.bool("dtls_session_resumption",
            "whether DTLS sessions get an id so devices can resume them with a short handshake;"
            + " read at start (restart to apply)", true);
    public static final Setting DTLS_CONNECTION_ID = Setting.bool("dtls_connection_id",
            "whether the DTLS listeners support connection IDs (RFC 9146), which keep a session across NAT"
            + " rebinding; read at start (restart to apply)", true);

    public static final Setting CACHE_MAX_ENTRIES = Setting.integer("cache_max_entries",
            "how many keys the cache shared by triggers (cache.set) holds; beyond it the least recently used go",
            100_000, null, 100, 10_000_000);
    public static final Setting EXEC_SYNC_TIMEOUT_S = Setting.integer("exec_sync_timeout_s",
            "how long exec.sync waits for a reply when the call gives no timeout", 30, "s", 1, 3600);
    public static final Setting HTTP_TIMEOUT_S = Setting.integer("http_timeout_s",
            "how long http.get/http.post wait for an answer when neither the call nor its service gives a timeout",
            30, "s", 1, 300);
    public static final Setting HTTP_ALLOWED_HOSTS = Setting.text("http_allowed_hosts",
            "hosts that http.get/http.post may reach: comma-separated names or addresses, '*.example.com' for"
            + " a domain and its subdomains, address ranges ('10.0.0.0/8'), '*' for any host; loopback, link-local,"
            + " private and the server's own addresses (also where a name resolves to them) only when an entry names"
            + " the host, the address or a range holding it, never through '*' or '*.domain'", "*", 4000);
    public static final Setting MQTT_BUFFER_MAX = Setting.integer("mqtt_buffer_max",
            "messages each MQTT service keeps while its broker connection is down (mqtt.publish, the bridge); past it"
            + " the oldest kept message is shed, counted (status.shed, /metrics) and its publish fails", 10_000, null, 0,
            10_000_000);
    public static final Setting MQTT_PUBLISH_TIMEOUT_S = Setting.integer("mqtt_publish_timeout_s",
            "how long a synchronous mqtt.publish waits for the broker's acknowledgement (QoS 1, 2) or for the message"
            + " to be sent (QoS 0) before it throws; a message kept while its service is disconnected stays queued",
            10, "s", 1, 300);
    public static final Setting MQTT_BRIDGE_SERVICE = Setting.text("mqtt_bridge_service",
            "the MQTT service (its key) through which the ready MQTT bridge publishes device events to"
            + " <prefix>/<endpoint>/up/<event> and answers requests from <prefix>/<endpoint>/dn/<op> on"
            + " <prefix>/<endpoint>/up/resp; empty turns the bridge off", "", 100);
    public static final Setting MQTT_BRIDGE_PREFIX = Setting.text("mqtt_bridge_prefix",
            "the first topic level(s) of the MQTT bridge's topics (<prefix>/<endpoint>/up/..., .../dn/<op>): a topic"
            + " name without the wildcards '+' and '#', not starting with '$' nor ending with '/'", "lwm2m", 200,
            Settings::topicPrefixProblem);
    public static final Setting TIME_BEFORE_MISSING_S = Setting.integer("time_before_missing_s",
            "time before declared missing: after this long without hearing from an endpoint (register, update,"
            + " any response or notification) an lwm2m-missing event fires, once per silence; an endpoint's own"
            + " timeBeforeMissing overrides it; 0 never", 86_400, "s", 0, 316_224_000);

    public static final Setting FOTA_DOWNLOAD_TIMEOUT_S = Setting.integer("fota_download_timeout_s",
            "how long a firmware update may take from getting its download slot until the device reports the image"
            + " downloaded (State 2); waiting for a sleeping device counts", 1800, "s", 1, 604_800);
    public static final Setting FOTA_UPDATE_TIMEOUT_S = Setting.integer("fota_update_timeout_s",
            "how long a firmware update may take from executing Update (5/x/2) until the device reports its result"
            + " or registers again with a new firmware version", 600, "s", 1, 604_800);
    public static final Setting FOTA_MAX_CONCURRENT_DOWNLOADS = Setting.integer("fota_max_concurrent_downloads",
            "firmware updates that may be downloading at once; the others wait in the order they were started",
            20, null, 1, 100_000);
    public static final Setting FOTA_JOBS_KEPT = Setting.integer("fota_jobs_kept",
            "how many ended firmware updates GET /fota keeps showing; older ones are dropped", 1000, null, 10, 1_000_000);

    public static final Setting FORCE_QUEUE_MODE = Setting.bool("force_queue_mode",
            "treat every device as a queue-mode device: asynchronous calls are held while it is asleep (nothing heard"
            + " from it for queue_awake_time_s since its last registration or update) and sent when it next registers"
            + " or updates", false);
    public static final Setting QUEUE_AWAKE_TIME_S = Setting.integer("queue_awake_time_s",
            "how long a queue-mode device stays awake after the server last heard from it; after that requests to it"
            + " are held until it wakes", 93, "s", 1, 86_400);

    public static final Setting EVENT_QUEUE_MAX = Setting.integer("event_queue_max",
            "events that may wait to be stored and handed to triggers, in each of the two lanes (device data:"
            + " notifications, read results, Sends; everything else); past it the oldest waiting event of that lane is"
            + " shed and counted (GET /api/v1/stats)", 20_000, null, 100, 10_000_000);
    public static final Setting TRIGGER_QUEUE_MAX = Setting.integer("trigger_queue_max",
            "runs of one trigger that may wait for a worker; past it the oldest waiting run of that trigger is shed"
            + " and counted (GET /api/v1/stats)", 10_000, null, 10, 10_000_000);
    public static final Setting TRIGGER_MAX_SHARE = Setting.integer("trigger_max_share",
            "workers (of the 32) that runs of one trigger may hold at once; its other runs wait their turn, so a trigger"
            + " whose runs loop or wait for long leaves the other workers to other triggers", 16, "workers", 1, 32);
    public static final Setting TRIGGER_AUTO_STOP_AFTER = Setting.integer("trigger_auto_stop_after",
            "runs in a row stopped for going over a budget (CPU, wall clock, allocation) after which a trigger is stopped"
            + " automatically and the reason recorded against it; its waiting runs are dropped; 0 never", 0, "runs", 0,
            1_000_000);

    public static final Setting LOG_LINE_MAX_BYTES = Setting.integer("log_line_max_bytes",
            "what one script log line (message and data together, as JSON) or one recorded trigger failure may hold;"
            + " past it the longest strings are cut and end in '...[truncated: <n> characters]'", 65_536, "bytes",
            1024, 16_777_216);
    public static final Setting EVENT_DATA_MAX_BYTES = Setting.integer("event_data_max_bytes",
            "what one event's data may hold as JSON: a larger exec.now/exec.sync payload or call context throws"
            + " (RangeError) and POST /generic answers 413; larger data from elsewhere (a device) is cut like a log"
            + " line", 65_536, "bytes", 1024, 16_777_216);
    public static final Setting REPLY_MAX_BYTES = Setting.integer("reply_max_bytes",
            "what one trigger.reply value may hold as JSON; a larger one throws (RangeError) and nothing is replied",
            65_536, "bytes", 1024, 16_777_216);
    public static final Setting API_PAGE_MAX_BYTES = Setting.integer("api_page_max_bytes",
            "what one page of GET /events, /logs and /triggers/{id}/errors (and the replay of /events/stream) may"
            + " hold, besides its limit; a page always holds at least one entry", 4_194_304, "bytes", 65_536,
            268_435_456);
    public static final Setting MAX_REGISTRATIONS = Setting.integer("max_registrations",
            "registrations this server holds at once; past it a Register from an endpoint not registered now is"
            + " answered 5.03 Service Unavailable and counted (GET /api/v1/stats)", 100_000, null, 1, 100_000_000);
    public static final Setting MAX_UNPROVISIONED_ENDPOINTS = Setting.integer("max_unprovisioned_endpoints",
            "endpoint records that registrations without credentials may create and no operator took over (over"
            + " the API or with credentials); past it a Register from an endpoint with no record is answered 5.03"
            + " and counted", 10_000, null, 1, 100_000_000);
    public static final Setting UNPROVISIONED_EXPIRY_S = Setting.integer("unprovisioned_expiry_s",
            "how long the record a registration created is kept after its endpoint is no longer registered and"
            + " was last heard from, unless an operator took it over; 0 keeps them", 2_592_000, "s", 0, 316_224_000);
    public static final Setting LIFETIME_MIN_S = Setting.integer("lifetime_min_s",
            "shortest registration lifetime (lt) a Register or Update may ask for; shorter is answered 4.00",
            1, "s", 1, 86_400);
    public static final Setting LIFETIME_MAX_S = Setting.integer("lifetime_max_s",
            "longest registration lifetime (lt) a Register or Update may ask for; longer is answered 4.00",
            31_536_000, "s", 60, 315_360_000);
    public static final Setting METRICS_REQUIRE_TOKEN = Setting.bool("metrics_require_token",
            "whether GET /metrics (Prometheus text format) needs the API token, like /api/v1; false lets a scraper"
            + " without the token read it", true);

    public static final List<Setting> ALL = List.of(
            SCRIPT_CPU_BUDGET_MS, SCRIPT_WALL_CLOCK_LIMIT_S, SCRIPT_ALLOCATION_BUDGET_MB, TRANSLATE_IDS, DEVICE_TIMEOUT_S,
            EVENTS_KEPT, LOGS_KEPT,
            BOOTSTRAP_LIFETIME, BOOTSTRAP_REPLY_TIMEOUT_S, BOOTSTRAP_NOSEC_ALLOWED, LWM2M_NOSEC_ALLOWED,
            DTLS_CIPHER_SUITES, DTLS_SESSION_RESUMPTION, DTLS_CONNECTION_ID,
            CACHE_MAX_ENTRIES, EXEC_SYNC_TIMEOUT_S, HTTP_TIMEOUT_S, HTTP_ALLOWED_HOSTS, MQTT_BUFFER_MAX, MQTT_PUBLISH_TIMEOUT_S,
            MQTT_BRIDGE_SERVICE, MQTT_BRIDGE_PREFIX, TIME_BEFORE_MISSING_S,
            FOTA_DOWNLOAD_TIMEOUT_S, FOTA_UPDATE_TIMEOUT_S, FOTA_MAX_CONCURRENT_DOWNLOADS, FOTA_JOBS_KEPT,
            FORCE_QUEUE_MODE, QUEUE_AWAKE_TIME_S, EVENT_QUEUE_MAX, TRIGGER_QUEUE_MAX, TRIGGER_MAX_SHARE,
            TRIGGER_AUTO_STOP_AFTER, LOG_LINE_MAX_BYTES, EVENT_DATA_MAX_BYTES, REPLY_MAX_BYTES, API_PAGE_MAX_BYTES,
            MAX_REGISTRATIONS, MAX_UNPROVISIONED_ENDPOINTS, UNPROVISIONED_EXPIRY_S, LIFETIME_MIN_S, LIFETIME_MAX_S,
            METRICS_REQUIRE_TOKEN);

    private final KeyValueStore store;
    private final Map<Setting, Object> values = new ConcurrentHashMap<>();
    private final List<Consumer<Settings>> listeners = new CopyOnWriteArrayList<>();

    public Settings(KeyValueStore store) {
        this.store = store;
        for (Setting s : ALL) {
            Object stored = store.get(s.name());
            Object value = s.defaultValue();
            if (stored != null) {
                try {
                    value = s.coerce(stored);
                } catch (IllegalArgumentException e) {
                    // a value from an older version that no longer fits: keep the default
                }
            }
            values.put(s, value);
        }
    }

    public long integer(Setting s) {
        return ((Number) value(s)).longValue();
    }

    public String string(Setting s) {
        return String.valueOf(value(s));
    }

    public boolean bool(Setting s) {
        return (Boolean) value(s);
    }

    /** The current value of {@code s}: a Long, Boolean or String by its kind. */
    public Object value(Setting s) {
        return values.get(s);
    }

    /**
     * Applies several changes at once: all are checked first, so a bad value changes nothing.
     *
     * @throws IllegalArgumentException naming the value that does not fit
     */
    public void update(Map<Setting, ?> changes) {
        Map<Setting, Object> checked = new LinkedHashMap<>();
        changes.forEach((s, value) -> checked.put(s, s.coerce(value)));
        checked.forEach((s, value) -> {
            values.put(s, value);
            store.put(s.name(), value);
        });
        listeners.forEach(l -> l.accept(this));
    }

    /** Called on the thread that changed a setting, after the change. */
    public void addListener(Consumer<Settings> listener) {
        listeners.add(listener);
    }

    /** Why {@code prefix} cannot start the MQTT bridge's topics, or null when it can. */
    static String topicPrefixProblem(String prefix) {
        if (prefix.isEmpty()) {
            return "must not be empty";
        }
        if (prefix.indexOf('+') >= 0 || prefix.indexOf('#') >= 0) {
            return "must not contain the wildcards '+' or '#', not '" + prefix + "'";
        }
        if (prefix.indexOf('\0') >= 0) {
            return "must not contain NUL";
        }
        if (prefix.startsWith("$")) {
            // brokers keep $-topics for themselves ($SYS) and refuse or hide what clients publish there
            return "must not start with '$', not '" + prefix + "'";
        }
        if (prefix.endsWith("/")) {
            return "must not end with '/', not '" + prefix + "'";
        }
        return null;
    }

    /** The setting called {@code name}. @throws IllegalArgumentException when there is none */
    public static Setting find(String name) {
        for (Setting s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown setting '" + name + "'");
    }
}
