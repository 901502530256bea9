package io.lwm2mbridge.inventory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory's directory and how files are written in it: {@code <name>~<random>} holds a file's
 * content, {@code <name>~meta.json} its metadata, {@code .tmp-<random>} what is being written (a valid
 * name never starts with '.'). New files are readable and writable by their owner only (0600) where the
 * file system has POSIX permissions; renames are atomic where it can, and made durable by syncing the
 * directory. Thread-safe.
 */
final class InventoryFiles {

    static final String TEMP_PREFIX = ".tmp-";
    static final String META_SUFFIX = "~meta.json";

    private static final Logger LOG = LoggerFactory.getLogger(InventoryFiles.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    /** Owner-only permissions for new files, or none where the file system has no POSIX permissions. */
    private final FileAttribute<?>[] ownerOnly;
    private final SecureRandom random = new SecureRandom();

    InventoryFiles(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.ownerOnly = Files.getFileStore(this.dir).supportsFileAttributeView(PosixFileAttributeView.class)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
    }

    Path dir() {
        return dir;
    }

    /** 32 random hex digits: content file suffixes, temp names and download ids. */
    String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** A new, unused temp file path. */
    Path newTemp() {
        return dir.resolve(TEMP_PREFIX + newId());
    }

    /** A new content file path for {@code name}. */
    Path newBlob(String name) {
        return dir.resolve(name + "~" + newId());
    }

    Path sidecar(String name) {
        return dir.resolve(name + META_SUFFIX);
    }

    /** Creates {@code file}, which must not exist, for writing, owner-only. */
    FileChannel createOwnerOnly(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly);
    }

    /** Writes {@code bytes} to a temp file, forces it to disk and moves it to {@code target} atomically. */
    void writeAtomically(byte[] bytes, Path target) throws IOException {
        Path temp = newTemp();
        try {
            try (FileChannel out = createOwnerOnly(temp)) {
                writeFully(out, ByteBuffer.wrap(bytes));
                out.force(true);
            }
            moveAtomically(temp, target);
        } finally {
            deleteQuietly(temp);
        }
    }

    static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** Makes the renames durable; not every platform can open a directory, and then the rename must do. */
    void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.trace("Cannot sync directory {}", dir, e);
        }
    }

    static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for the clean-up on the next start
            LOG.warn("Cannot delete {}: {}", path, e.getMessage());
        }
    }
}
