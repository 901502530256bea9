package io.lwm2mbridge.inventory;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** A lazily generated stream of {@code length} deterministic bytes, counting how many were read. */
final class PatternStream extends InputStream {

    private final long length;
    private final int seed;
    private long position;

    PatternStream(long length) {
        this(length, 0);
    }

    PatternStream(long length, int seed) {
        this.length = length;
        this.seed = seed;
    }

    static byte byteAt(long i, int seed) {
        return (byte) (i * 31 + (i >>> 9) + seed);
    }

    static byte[] bytes(int length, int seed) {
        byte[] result = new byte[length];
        for (int i = 0; i < length; i++) {
            result[i] = byteAt(i, seed);
        }
        return result;
    }

    static String sha256(long length, int seed) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (PatternStream in = new PatternStream(length, seed)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer, 0, buffer.length)) > 0) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    long bytesRead() {
        return position;
    }

    @Override
    public int read() {
        return position < length ? byteAt(position++, seed) & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = byteAt(position++, seed);
        }
        return n;
    }
}
