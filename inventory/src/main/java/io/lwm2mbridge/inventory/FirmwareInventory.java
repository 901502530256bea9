package io.lwm2mbridge.inventory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persistent, thread-safe store of firmware files: each file is kept under one directory with a JSON
 * metadata sidecar and reloaded when a new instance opens that directory.
 *
 * <p>On disk, {@code <name>~<random>} holds the content and {@code <name>~meta.json} its metadata, which
 * names the content file. The sidecar is the commit point: it is replaced atomically after the new content
 * is in place, so a crash leaves either the old or the new file, never a mix. Temp files start with
 * {@code .tmp-} (a valid name never starts with '.'), and leftovers of a crash are removed on start. Files
 * are created readable and writable by their owner only (0600) where the file system has POSIX permissions.
 *
 * <p>Replacing a file (storing under an existing name) gives it a fresh {@code downloadId}, so URIs handed
 * out for the old content stop working, unless the in-use check says a running update uses that name: then
 * the id is kept so the URI already written to the device stays valid, and the device gets the new content
 * on its next request. Reads are lock-free; store and delete commit under one short lock, while the upload
 * itself streams without it.
 */
public final class FirmwareInventory {

    /** The default limit on a file's size: 16 MiB, as SCRIPTING.md promises. */
    public static final long DEFAULT_MAX_BYTES = 16L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareInventory.class);
    private static final String TEMP_PREFIX = ".tmp-";
    private static final String META_SUFFIX = "~meta.json";
    private static final Pattern HEX_128 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();
    private static final int COPY_BUFFER = 64 * 1024;
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private final Path dir;
    /** Owner-only permissions for new files, or none where the file system has no POSIX permissions. */
    private final FileAttribute<?>[] ownerOnly;
    private final long maxBytes;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);
    private final Object commitLock = new Object();
    private final ConcurrentMap<String, Entry> byName = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Entry> byDownloadId = new ConcurrentHashMap<>();
    private volatile Predicate<String> inUse = name -> false;

    /** Opens (creating if needed) the inventory in {@code dir} with the default 16 MiB limit. */
    public FirmwareInventory(Path dir, Clock clock) throws IOException {
        this(dir, DEFAULT_MAX_BYTES, clock);
    }

    /** Opens (creating if needed) the inventory in {@code dir}, accepting files of up to {@code maxBytes}. */
    public FirmwareInventory(Path dir, long maxBytes, Clock clock) throws IOException {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        this.dir = Files.createDirectories(Objects.requireNonNull(dir, "dir"));
        this.ownerOnly = Files.getFileStore(this.dir).supportsFileAttributeView(PosixFileAttributeView.class)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                : new FileAttribute<?>[0];
        this.maxBytes = maxBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        load();
    }

    public Path directory() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Sets the predicate telling whether a running firmware update uses a name ({@code null}: none does).
     * It is called under the inventory's commit lock, so it must be quick and must not store or delete.
     */
    public void setInUseCheck(Predicate<String> nameInUse) {
        this.inUse = nameInUse == null ? name -> false : nameInUse;
    }

    /**
     * Streams {@code content} into the inventory under {@code name}, replacing a file of that name. The
     * stream is read to its end but not closed; at most {@code maxBytes + 1} bytes are read from it.
     *
     * @throws InvalidNameException  if {@code name} is not valid
     * @throws FileTooLargeException if the content is longer than {@link #maxBytes()}; nothing is kept
     */
    public FirmwareFile store(String name, InputStream content, String version, String description)
            throws IOException {
        FirmwareName.requireValid(name);
        Objects.requireNonNull(content, "content");
        Path temp = dir.resolve(TEMP_PREFIX + newId());
        try {
            MessageDigest sha = sha256();
            long size = copyLimited(name, content, temp, sha);
            return commit(name, temp, size, HEX.formatHex(sha.digest()), version, description);
        } finally {
            // a no-op once committed, because the temp file has been moved into place
            deleteQuietly(temp);
        }
    }

    /** The file of that name; empty as well for a name that is not valid, since it cannot exist. */
    public Optional<FirmwareFile> get(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name)).map(Entry::file);
    }

    /** All files, sorted by name. */
    public List<FirmwareFile> list() {
        return byName.values().stream()
                .map(Entry::file)
                .sorted(Comparator.comparing(FirmwareFile::name))
                .toList();
    }

    /** The file a download URI points at; empty for an unknown or stale id. */
    public Optional<FirmwareFile> byDownloadId(String downloadId) {
        return Optional.ofNullable(downloadId == null ? null : byDownloadId.get(downloadId)).map(Entry::file);
    }

    /**
     * Opens the current content of {@code name} for reading; the caller closes it. A stream keeps reading
     * the content it was opened on even if the file is replaced meanwhile (on POSIX file systems).
     *
     * @throws NoSuchFileException if there is no such file
     */
    public InputStream open(String name) throws IOException {
        return openCurrent(name, Files::newInputStream);
    }

    /**
     * Opens the current content of {@code name} for random access (HTTP ranges, CoAP blocks), read-only;
     * the caller closes it.
     *
     * @throws NoSuchFileException if there is no such file
     */
    public FileChannel openChannel(String name) throws IOException {
        return openCurrent(name, blob -> FileChannel.open(blob, StandardOpenOption.READ));
    }

    /**
     * Deletes the file of that name.
     *
     * @return whether there was such a file
     * @throws FileInUseException if the in-use check says a running firmware update uses it
     */
    public boolean delete(String name) throws IOException {
        if (!FirmwareName.isValid(name)) {
            return false;
        }
        synchronized (commitLock) {
            Entry entry = byName.get(name);
            if (entry == null) {
                return false;
            }
            if (inUse.test(name)) {
                throw new FileInUseException(name);
            }
            // the sidecar is the commit point: once it is gone the file is gone, even after a crash
            Files.deleteIfExists(sidecarPath(name));
            byName.remove(name);
            byDownloadId.remove(entry.file().downloadId());
            deleteQuietly(entry.blob());
            syncDirectory();
            return true;
        }
    }

    private long copyLimited(String name, InputStream in, Path temp, MessageDigest sha) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        long total = 0;
        try (FileChannel out = createOwnerOnly(temp)) {
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
                writeFully(out, ByteBuffer.wrap(buffer, 0, n));
            }
            out.force(true);
        }
        return total;
    }

    private FirmwareFile commit(String name, Path temp, long size, String sha256, String version,
            String description) throws IOException {
        synchronized (commitLock) {
            Entry previous = byName.get(name);
            Instant now = clock.instant();
            String downloadId = previous != null && inUse.test(name) ? previous.file().downloadId() : newId();
            Instant created = previous != null ? previous.file().created() : now;
            FirmwareFile file = new FirmwareFile(name, size, sha256, version, description, created, now, downloadId);
            Path blob = dir.resolve(name + "~" + newId());
            moveAtomically(temp, blob);
            try {
                writeSidecar(file, blob);
            } catch (IOException | RuntimeException e) {
                deleteQuietly(blob);
                throw e;
            }
            Entry entry = new Entry(file, blob);
            byName.put(name, entry);
            // put before remove, so a kept id never goes missing for a concurrent download
            byDownloadId.put(downloadId, entry);
            if (previous != null) {
                if (!previous.file().downloadId().equals(downloadId)) {
                    byDownloadId.remove(previous.file().downloadId());
                }
                deleteQuietly(previous.blob());
            }
            syncDirectory();
            return file;
        }
    }

    private <T> T openCurrent(String name, Opener<T> opener) throws IOException {
        Entry entry = name == null ? null : byName.get(name);
        while (entry != null) {
            try {
                return opener.open(entry.blob());
            } catch (NoSuchFileException e) {
                // replaced or deleted between the lookup and the open: look again, give up if nothing changed
                Entry again = byName.get(name);
                if (again == entry) {
                    break;
                }
                entry = again;
            }
        }
        throw new NoSuchFileException("no firmware file named '" + name + "'");
    }

    private FileChannel createOwnerOnly(Path file) throws IOException {
        return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly);
    }

    private void writeSidecar(FirmwareFile file, Path blob) throws IOException {
        Sidecar sidecar = new Sidecar(file.name(), file.size(), file.sha256(), file.version(), file.description(),
                file.created().toString(), file.updated().toString(), file.downloadId(),
                blob.getFileName().toString());
        Path temp = dir.resolve(TEMP_PREFIX + newId());
        try {
            try (FileChannel out = createOwnerOnly(temp)) {
                writeFully(out, ByteBuffer.wrap(json.writeValueAsBytes(sidecar)));
                out.force(true);
            }
            moveAtomically(temp, sidecarPath(file.name()));
        } finally {
            deleteQuietly(temp);
        }
    }

    private void load() throws IOException {
        List<Path> sidecars = new ArrayList<>();
        List<Path> blobs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path path : entries) {
                String fileName = path.getFileName().toString();
                if (fileName.startsWith(TEMP_PREFIX)) {
                    LOG.info("Removing {}, left by an interrupted upload", path);
                    deleteQuietly(path);
                } else if (fileName.endsWith(META_SUFFIX)) {
                    sidecars.add(path);
                } else if (fileName.indexOf('~') > 0) {
                    blobs.add(path);
                }
                // anything else was not written by the inventory: leave it alone
            }
        }
        Set<Path> referenced = new HashSet<>();
        Set<String> doubtful = new HashSet<>();
        for (Path path : sidecars) {
            String fileName = path.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - META_SUFFIX.length());
            try {
                Entry entry = toEntry(name, json.readValue(path.toFile(), Sidecar.class));
                byName.put(name, entry);
                byDownloadId.put(entry.file().downloadId(), entry);
                referenced.add(entry.blob());
            } catch (IOException | RuntimeException e) {
                // keep its content files: a person may want to repair this by hand
                LOG.warn("Ignoring firmware metadata {}: {}", path, e.getMessage());
                doubtful.add(name);
            }
        }
        for (Path blob : blobs) {
            String fileName = blob.getFileName().toString();
            String owner = fileName.substring(0, fileName.lastIndexOf('~'));
            if (!referenced.contains(blob) && !doubtful.contains(owner)) {
                // content of an upload that crashed before its sidecar, or of a replaced file
                LOG.info("Removing {}, content no metadata refers to", blob);
                deleteQuietly(blob);
            }
        }
    }

    private Entry toEntry(String name, Sidecar s) throws IOException {
        if (!name.equals(s.name()) || !FirmwareName.isValid(name)) {
            throw new IOException("name '" + s.name() + "' does not match the file name");
        }
        if (s.blob() == null || !s.blob().startsWith(name + "~") || !HEX_128.matcher(
                s.blob().substring(name.length() + 1)).matches()) {
            throw new IOException("bad content file name '" + s.blob() + "'");
        }
        if (s.sha256() == null || !HEX_256.matcher(s.sha256()).matches()
                || s.downloadId() == null || !HEX_128.matcher(s.downloadId()).matches()) {
            throw new IOException("bad sha256 or downloadId");
        }
        Path blob = dir.resolve(s.blob());
        long actual = Files.size(blob);
        if (actual != s.size()) {
            throw new IOException("content is " + actual + " bytes, metadata says " + s.size());
        }
        FirmwareFile file = new FirmwareFile(name, s.size(), s.sha256(), s.version(), s.description(),
                Instant.parse(s.created()), Instant.parse(s.updated()), s.downloadId());
        return new Entry(file, blob);
    }

    private Path sidecarPath(String name) {
        return dir.resolve(name + META_SUFFIX);
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private void syncDirectory() {
        // makes the renames durable; not every platform can open a directory, and then the rename must do
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.trace("Cannot sync directory {}", dir, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left for the clean-up on the next start
            LOG.warn("Cannot delete {}: {}", path, e.getMessage());
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record Entry(FirmwareFile file, Path blob) {
    }

    @FunctionalInterface
    private interface Opener<T> {
        T open(Path blob) throws IOException;
    }

    /** The JSON sidecar; dates as ISO-8601 text so no Jackson time module is needed. */
    record Sidecar(String name, long size, String sha256, String version, String description, String created,
            String updated, String downloadId, String blob) {
    }
}
