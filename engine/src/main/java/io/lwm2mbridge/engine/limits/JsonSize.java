package io.lwm2mbridge.engine.limits;

import io.lwm2mbridge.scripting.JsonBridge;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The size of a value as the server stores and returns it: the UTF-8 bytes of its JSON (bytes written
 * as scripts see them, {@code {"__bytes__": "<hex>"}}). Measured by writing to a counter, never to a
 * buffer, and {@link #exceeds} stops as soon as the bound is passed, so measuring a 10 MB value costs
 * no 10 MB of memory and a bounded check of it little time.
 */
public final class JsonSize {

    private JsonSize() {}

    /** The exact size in bytes. */
    public static long of(Object value) {
        Counter counter = new Counter(Long.MAX_VALUE);
        write(value, counter);
        return counter.count;
    }

    /** Whether the value takes more than {@code max} bytes. */
    public static boolean exceeds(Object value, long max) {
        Counter counter = new Counter(max);
        try {
            JsonBridge.mapper().writeValue(counter, value);
            return false;
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof Over) {
                    return true;
                }
            }
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Whether a string (JSON text, say) takes more than {@code max} bytes in UTF-8. A character takes at
     * most 3 bytes, so most strings are answered from their length without counting.
     */
    public static boolean utf8Exceeds(String s, long max) {
        return s.length() * 3L > max && utf8(s) > max;
    }

    /** The UTF-8 bytes of a string (JSON text, say), counted without encoding it. */
    public static long utf8(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * The bytes one character of a string takes inside JSON quotes, as Jackson writes it to a byte stream:
     * escapes for quote, backslash and control characters, UTF-8 for the rest, and each half of a
     * surrogate pair as a six-byte escape (Jackson's default).
     */
    static int charCost(char c) {
        if (c == '"' || c == '\\') {
            return 2;
        }
        if (c < 0x20) {
            return c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
        }
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return Character.isSurrogate(c) ? 6 : 3;
    }

    private static void write(Object value, Counter counter) {
        try {
            JsonBridge.mapper().writeValue(counter, value);
        } catch (IOException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** Passing the bound: thrown by the counter to stop the writer. */
    private static final class Over extends IOException {
        private static final long serialVersionUID = 1L;

        Over() {
            super("over the bound");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this; // a signal, not an error: no stack to record
        }
    }

    private static final class Counter extends OutputStream {
        private final long max;
        private long count;

        Counter(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(int n) throws Over {
            count += n;
            if (count > max) {
                throw new Over();
            }
        }
    }
}
