package io.lwm2mbridge.inventory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * Slices inventory files into CoAP Block2 payloads (RFC 7959) with positioned reads, so serving a block
 * never loads the whole file. Thread-safe: each call opens its own channel.
 */
public final class BlockReader {

    /** Largest SZX: 6, for 1024-byte blocks (7 is reserved). */
    public static final int MAX_SZX = 6;

    private final FirmwareInventory inventory;

    public BlockReader(FirmwareInventory inventory) {
        this.inventory = Objects.requireNonNull(inventory, "inventory");
    }

    /**
     * One block's payload and whether more blocks follow (the Block2 M bit).
     *
     * @param payload the bytes of the block, shorter than the block size only for the last one
     * @param more    whether a further block exists
     */
    public record Block(byte[] payload, boolean more) {
    }

    /** The block size for an SZX: {@code 2^(szx+4)}, 16 to 1024 bytes. */
    public static int blockSize(int szx) {
        if (szx < 0 || szx > MAX_SZX) {
            throw new IllegalArgumentException("SZX must be 0.." + MAX_SZX + ", got " + szx);
        }
        return 1 << (szx + 4);
    }

    /**
     * Reads block {@code num} of {@code name} with size exponent {@code szx}. Block 0 of an empty file is an
     * empty payload with {@code more = false}.
     *
     * @throws IllegalArgumentException if {@code szx} is not 0..6, or {@code num} is negative or starts
     *                                  past the end of the file
     * @throws java.nio.file.NoSuchFileException if there is no such file
     */
    public Block block(String name, int num, int szx) throws IOException {
        int size = blockSize(szx);
        if (num < 0) {
            throw new IllegalArgumentException("block number must not be negative, got " + num);
        }
        try (FileChannel channel = inventory.openChannel(name)) {
            // the size of the content actually opened, in case the file was replaced since a lookup
            return read(channel, channel.size(), num, size, name);
        }
    }

    private static Block read(FileChannel channel, long fileSize, int num, int blockSize, String name)
            throws IOException {
        long start = (long) num * blockSize;
        if (start >= fileSize && !(num == 0 && fileSize == 0)) {
            long blocks = (fileSize + blockSize - 1) / blockSize;
            throw new IllegalArgumentException("block " + num + " of " + blockSize + " bytes is past the end of '"
                    + name + "' (" + fileSize + " bytes, blocks 0.." + (blocks - 1) + ")");
        }
        int length = (int) Math.min(blockSize, fileSize - start);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, start + buffer.position()) < 0) {
                throw new IOException("'" + name + "' ended early at " + (start + buffer.position()) + " bytes");
            }
        }
        return new Block(buffer.array(), start + length < fileSize);
    }
}
