package io.lwm2mbridge.inventory;

/**
 * A satisfiable byte range of a file, both ends inclusive as in HTTP.
 *
 * @param start        first byte, {@code 0 <= start <= endInclusive}
 * @param endInclusive last byte, {@code < size}
 * @param size         the whole file's size
 */
public record ByteRange(long start, long endInclusive, long size) {

    public ByteRange {
        if (start < 0 || endInclusive < start || endInclusive >= size) {
            throw new IllegalArgumentException("not a range of a " + size + "-byte file: " + start + "-" + endInclusive);
        }
    }

    /** Number of bytes in the range (the {@code Content-Length} of a 206 answer). */
    public long length() {
        return endInclusive - start + 1;
    }

    /** The {@code Content-Range} header value, e.g. {@code bytes 0-99/1000}. */
    public String contentRange() {
        return "bytes " + start + "-" + endInclusive + "/" + size;
    }
}
