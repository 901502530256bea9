package io.lwm2mbridge.engine.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder ({@code BRIDGE_DATA_DIR}): it holds PSKs, the API token and the server's private key,
 * so only the user the server runs as may read it. {@link #open} makes the folder 0700 and everything
 * in it 0700 (folders) or 0600 (files), also when an older version or an operator made them wider;
 * {@link #secure()} does the same again once the server has created its own files. On a file system
 * without POSIX permissions nothing is changed (logged once). Symbolic links inside are left alone and
 * not followed.
 *
 * <p>Uploads are spooled into its {@code tmp} folder rather than the system's temporary folder, so an
 * upload cut short by a crash leaves nothing readable by others; {@link #clearSpool()} empties it at start.
 */
public final class DataDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    /** Folders: owner only. */
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    /** Files: owner read and write only. */
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** Where uploads are spooled, under the data folder. */
    public static final String SPOOL = "tmp";

    private final Path root;
    private final boolean posix;

    private DataDirectory(Path root, boolean posix) {
        this.root = root;
        this.posix = posix;
    }

    /** Creates the folder if needed and narrows the permissions of what is in it. */
    public static DataDirectory open(Path dir) throws IOException {
        Path root = Files.createDirectories(dir).toRealPath();
        boolean posix = Files.getFileStore(root).supportsFileAttributeView(PosixFileAttributeView.class);
        if (!posix) {
            LOG.info("the data folder {} is on a file system without POSIX permissions: they are left as they are",
                    root);
        }
        DataDirectory data = new DataDirectory(root, posix);
        data.secure();
        Files.createDirectories(data.spool());
        data.narrow(data.spool(), FOLDER);
        return data;
    }

    public Path root() {
        return root;
    }

    /** The folder uploads are spooled to ({@code <data>/tmp}). */
    public Path spool() {
        return root.resolve(SPOOL);
    }

    /**
     * Makes the data folder and every folder under it 0700 and every file 0600. A file that cannot be
     * changed (another owner) is logged and skipped: the folder's own 0700 still keeps others out.
     */
    public void secure() {
        if (!posix) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    narrow(dir, FOLDER);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile()) {
                        narrow(file, FILE);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.warn("cannot read {} in the data folder to check its permissions: {}", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check the permissions of the data folder " + root, e);
        }
    }

    /**
     * Deletes what an earlier run left in the spool folder (uploads cut short by a crash). Call it only
     * once this server holds the store's lock, so another server on the same folder keeps its uploads.
     */
    public void clearSpool() throws IOException {
        Path spool = spool();
        Files.createDirectories(spool);
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(spool)) {
            for (Path entry : entries) {
                removed += deleteTree(entry);
            }
        }
        if (removed > 0) {
            LOG.info("removed {} leftover upload file(s) from {}", removed, spool);
        }
    }

    private void narrow(Path path, Set<PosixFilePermission> wanted) {
        if (!posix) {
            return;
        }
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (view != null && !view.readAttributes().permissions().equals(wanted)) {
                view.setPermissions(wanted);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("cannot make {} {} (owner only): {}", path, PosixFilePermissions.toString(wanted), e.toString());
        }
    }

    private static int deleteTree(Path path) throws IOException {
        int count = 0;
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                for (Path entry : entries) {
                    count += deleteTree(entry);
                }
            }
        }
        Files.deleteIfExists(path);
        return count + 1;
    }
}
