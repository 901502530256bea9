package io.lwm2mbridge.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload copied to disk with its size limit and its SHA-256 computed on the way, so the content is
 * read once and an oversized one stops one byte past the limit.
 *
 * @param size the bytes copied
 * @param sha256 their SHA-256 in lowercase hex
 */
record LimitedCopy(long size, String sha256) {

    private static final int COPY_BUFFER = 64 * 1024;

    /**
     * Copies {@code in} to {@code out} (forced to disk), reading at most {@code maxBytes + 1} bytes.
     *
     * @throws FileTooLargeException if the content is longer than {@code maxBytes}
     */
    static LimitedCopy copy(String name, InputStream in, FileChannel out, long maxBytes) throws IOException {
        MessageDigest sha = newSha256();
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        while (true) {
            // never ask for more than one byte past the limit, so an oversized upload stops right there
            int want = (int) Math.min(buffer.length, maxBytes + 1 - total);
            int n = in.read(buffer, 0, want);
            if (n < 0) {
                break;
            }
            total += n;
            if (total > maxBytes) {
                throw new FileTooLargeException(name, maxBytes);
            }
            sha.update(buffer, 0, n);
            InventoryFiles.writeFully(out, ByteBuffer.wrap(buffer, 0, n));
        }
        out.force(true);
        return new LimitedCopy(total, HexFormat.of().formatHex(sha.digest()));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
