package io.lwm2mbridge.engine.mqtt;

/**
 * MQTT topic names and filters (MQTT 5 section 4.7): {@code +} matches one level, {@code #} (last) the rest,
 * including the parent level; filters starting with a wildcard do not match topics starting with {@code $}.
 */
public final class TopicFilter {

    /** The longest topic the MQTT spec allows, in UTF-8 bytes. */
    public static final int MAX_BYTES = 65_535;

    private TopicFilter() {}

    /**
     * Whether {@code topic} (a topic name) matches {@code filter}: a topic name holds no wildcards (MQTT 4.7.1),
     * so it is the one topic it matches as a filter, and {@code filter} matches it when it covers it.
     */
    public static boolean matches(String filter, String topic) {
        return covers(filter, topic);
    }

    /** Whether every topic {@code inner} matches is matched by {@code outer} too (both valid filters). */
    public static boolean covers(String outer, String inner) {
        // a filter starting with a wildcard matches no $ topic, which a literal "$..." filter may match
        if (inner.startsWith("$") && (outer.startsWith("+") || outer.startsWith("#"))) {
            return false;
        }
        String[] o = outer.split("/", -1);
        String[] i = inner.split("/", -1);
        for (int n = 0; n < o.length; n++) {
            if (o[n].equals("#")) {
                return true;
            }
            if (n >= i.length || i[n].equals("#")) {
                return false;
            }
            if (!o[n].equals("+") && (i[n].equals("+") || !o[n].equals(i[n]))) {
                return false;
            }
        }
        return o.length == i.length;
    }

    /**
     * The filters of {@code filters} that no other one covers ({@code sensors/+/temp} beside {@code sensors/#} is
     * left out): brokers deliver a message once per matching subscription, so overlapping subscriptions of one
     * client would bring it twice. Sorted.
     */
    public static java.util.SortedSet<String> withoutCovered(java.util.Set<String> filters) {
        java.util.SortedSet<String> kept = new java.util.TreeSet<>();
        for (String f : filters) {
            boolean covered = false;
            for (String other : filters) {
                if (!other.equals(f) && covers(other, f)) {
                    covered = true;
                    break;
                }
            }
            if (!covered) {
                kept.add(f);
            }
        }
        return kept;
    }

    /** Why {@code filter} is not a valid topic filter, or null when it is. */
    public static String filterProblem(String filter) {
        String common = common(filter, "topic filter");
        if (common != null) {
            return common;
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                return "'#' must be a whole level and the last one in topic filter '" + filter + "'";
            }
            if (level.contains("+") && !level.equals("+")) {
                return "'+' must be a whole level in topic filter '" + filter + "'";
            }
        }
        return null;
    }

    /** Why {@code topic} is not a topic name one can publish to, or null when it is. */
    public static String topicNameProblem(String topic) {
        String common = common(topic, "topic");
        if (common != null) {
            return common;
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            return "topic '" + topic + "' has a wildcard ('+' or '#'): publish to a topic name";
        }
        return null;
    }

    private static String common(String text, String what) {
        if (text == null || text.isEmpty()) {
            return what + " must not be empty";
        }
        if (text.indexOf('\0') >= 0) {
            return what + " must not contain NUL";
        }
        if (text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_BYTES) {
            return what + " is longer than " + MAX_BYTES + " bytes";
        }
        return null;
    }
}
