package io.lwm2mbridge.inventory;

import java.util.Optional;

/**
 * Parses an HTTP {@code Range} header (RFC 9110 section 14) against a file size into the answer to give.
 *
 * <p>A missing, malformed or non-{@code bytes} header is ignored, as RFC 9110 allows: the whole file is
 * sent with 200. Several ranges are answered with the first satisfiable one only, as a single-part 206
 * whose {@code Content-Range} says what it holds: devices resume with one range, and multipart answers
 * are not worth their cost. When no range is satisfiable the answer is 416 with {@code bytes *&#47;size}.
 */
public final class RangeHeader {

    private RangeHeader() {
    }

    /** What to answer to a request with that header. */
    public sealed interface Result permits Whole, Satisfiable, Unsatisfiable {

        /** The HTTP status: 200, 206 or 416. */
        int status();
    }

    /** Send the whole file with 200: there was no usable {@code Range} header. */
    public record Whole() implements Result {
        @Override
        public int status() {
            return 200;
        }
    }

    /** Send {@code range} with 206 and its {@link ByteRange#contentRange()}. */
    public record Satisfiable(ByteRange range) implements Result {
        @Override
        public int status() {
            return 206;
        }
    }

    /** Answer 416 with {@link #contentRange()}: no requested range overlaps the file. */
    public record Unsatisfiable(long size) implements Result {
        @Override
        public int status() {
            return 416;
        }

        /** The {@code Content-Range} header value of a 416 answer, {@code bytes *&#47;size}. */
        public String contentRange() {
            return "bytes */" + size;
        }
    }

    /**
     * Parses {@code header} (may be null) against a file of {@code size} bytes.
     */
    public static Result parse(String header, long size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        if (header == null) {
            return new Whole();
        }
        int equals = header.indexOf('=');
        if (equals < 0 || !header.substring(0, equals).strip().equalsIgnoreCase("bytes")) {
            return new Whole();
        }
        ByteRange first = null;
        boolean anySpec = false;
        for (String element : header.substring(equals + 1).split(",", -1)) {
            String spec = element.strip();
            if (spec.isEmpty()) {
                // list syntax tolerates empty elements
                continue;
            }
            anySpec = true;
            Optional<ByteRange> range;
            try {
                range = parseSpec(spec, size);
            } catch (IllegalArgumentException malformed) {
                return new Whole();
            }
            if (first == null && range.isPresent()) {
                first = range.get();
            }
        }
        if (!anySpec) {
            return new Whole();
        }
        return first != null ? new Satisfiable(first) : new Unsatisfiable(size);
    }

    /** The range, empty if unsatisfiable, or IllegalArgumentException if malformed. */
    private static Optional<ByteRange> parseSpec(String spec, long size) {
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw new IllegalArgumentException(spec);
        }
        String firstText = spec.substring(0, dash);
        String lastText = spec.substring(dash + 1);
        if (firstText.isEmpty()) {
            long suffix = number(lastText);
            if (suffix == 0 || size == 0) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(Math.max(0, size - suffix), size - 1, size));
        }
        long start = number(firstText);
        long end = lastText.isEmpty() ? Long.MAX_VALUE : number(lastText);
        if (end < start) {
            throw new IllegalArgumentException(spec);
        }
        if (start >= size) {
            return Optional.empty();
        }
        return Optional.of(new ByteRange(start, Math.min(end, size - 1), size));
    }

    private static long number(String text) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(text);
        }
        // more digits than a long holds is still a valid position, just beyond any file
        return text.length() > 18 ? Long.MAX_VALUE : Long.parseLong(text);
    }
}
