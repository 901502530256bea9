package io.lwm2mbridge.engine.mqtt.bridge;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The MQTT bridge's topics under one prefix: {@code <prefix>/<endpoint>/up/<kind>} for what the bridge publishes
 * (events, answers on {@code up/resp}) and {@code <prefix>/<endpoint>/dn/<op>} for requests.
 *
 * <p>An endpoint name is one topic level. The characters a level cannot hold as they are ({@code /} splits levels,
 * {@code +} and {@code #} are wildcards, NUL is not allowed) and {@code %} itself are percent-encoded: endpoint
 * {@code plant/7} is {@code plant%2F7}, {@code a+b} is {@code a%2Bb}, {@code 100%} is {@code 100%25}. Every other
 * character, {@code :} of {@code urn:imei:...} included, stays as it is. Request topics are decoded the same way.
 *
 * @param prefix the first level(s), checked by the setting {@code mqtt_bridge_prefix}
 */
public record BridgeTopics(String prefix) {

    /** The topic level of answers to requests. */
    public static final String RESPONSE = "resp";

    /** A request topic taken apart: the endpoint (decoded) and the operation. */
    public record Request(String endpoint, String op) {}

    /** The filter the bridge subscribes to for requests: {@code <prefix>/+/dn/+}. */
    public String requestFilter() {
        return prefix + "/+/dn/+";
    }

    /** {@code <prefix>/<endpoint, encoded>/up/<kind>}. */
    public String up(String endpoint, String kind) {
        return prefix + "/" + encode(endpoint) + "/up/" + kind;
    }

    /** Where answers to requests about {@code endpoint} go. */
    public String response(String endpoint) {
        return up(endpoint, RESPONSE);
    }

    /**
     * The endpoint and operation of a request topic, or empty when the topic is not {@code
     * <prefix>/<endpoint>/dn/<op>} or its endpoint level is empty or not validly encoded. The operation is
     * returned as written, known or not.
     */
    public Optional<Request> parse(String topic) {
        if (topic == null || !topic.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        String[] levels = topic.substring(prefix.length() + 1).split("/", -1);
        if (levels.length != 3 || !levels[1].equals("dn") || levels[0].isEmpty()) {
            return Optional.empty();
        }
        String endpoint = decode(levels[0]);
        return endpoint == null || endpoint.isEmpty() ? Optional.empty() : Optional.of(new Request(endpoint, levels[2]));
    }

    /** An endpoint name as one topic level: {@code %}, {@code /}, {@code +}, {@code #} and NUL percent-encoded. */
    public static String encode(String endpoint) {
        StringBuilder b = null;
        for (int i = 0; i < endpoint.length(); i++) {
            char c = endpoint.charAt(i);
            String escape = switch (c) {
                case '%' -> "%25";
                case '/' -> "%2F";
                case '+' -> "%2B";
                case '#' -> "%23";
                case '\0' -> "%00";
                default -> null;
            };
            if (escape != null && b == null) {
                b = new StringBuilder(endpoint.length() + 8).append(endpoint, 0, i);
            }
            if (b != null) {
                if (escape != null) {
                    b.append(escape);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? endpoint : b.toString();
    }

    /**
     * A topic level back to the endpoint name: each {@code %XX} (hex, either case) is a byte of the name's UTF-8;
     * null when a {@code %} is not followed by two hex digits or the bytes are not UTF-8.
     */
    public static String decode(String level) {
        if (level.indexOf('%') < 0) {
            return level;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(level.length());
        int i = 0;
        while (i < level.length()) {
            int c = level.codePointAt(i);
            if (c != '%') {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c);
                continue;
            }
            if (i + 2 >= level.length()) {
                return null;
            }
            int hi = hex(level.charAt(i + 1));
            int lo = hex(level.charAt(i + 2));
            if (hi < 0 || lo < 0) {
                return null;
            }
            bytes.write(hi * 16 + lo);
            i += 3;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** An ASCII hex digit's value, or -1 (Character.digit would take other scripts' digits too). */
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
