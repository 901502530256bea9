package io.lwm2mbridge.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * The persistent, thread-safe store of firmware files: each file is kept under one directory with a JSON
 * metadata sidecar and reloaded when a new instance opens that directory.
 *
 * <p>On disk ({@link InventoryFiles}), {@code <name>~<random>} holds the content and {@code <name>~meta.json} its metadata, which
 * names the content file. The sidecar ({@link Sidecars}) is the commit point: it is replaced atomically after the new content
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

    private final InventoryFiles files;
    private final Sidecars sidecars;
    private final long maxBytes;
    private final Clock clock;
    private final Object commitLock = new Object();
    private final ConcurrentMap<String, StoredFile> byName = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, StoredFile> byDownloadId = new ConcurrentHashMap<>();
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
        this.files = new InventoryFiles(Objects.requireNonNull(dir, "dir"));
        this.sidecars = new Sidecars(files);
        this.maxBytes = maxBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        for (StoredFile stored : sidecars.load()) {
            byName.put(stored.file().name(), stored);
            byDownloadId.put(stored.file().downloadId(), stored);
        }
    }

    public Path directory() {
        return files.dir();
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
        Path temp = files.newTemp();
        try {
            LimitedCopy copy;
            try (FileChannel out = files.createOwnerOnly(temp)) {
                copy = LimitedCopy.copy(name, content, out, maxBytes);
            }
            return commit(name, temp, copy, version, description);
        } finally {
            // a no-op once committed, because the temp file has been moved into place
            InventoryFiles.deleteQuietly(temp);
        }
    }

    /** The file of that name; empty as well for a name that is not valid, since it cannot exist. */
    public Optional<FirmwareFile> get(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name)).map(StoredFile::file);
    }

    /** All files, sorted by name. */
    public List<FirmwareFile> list() {
        return byName.values().stream()
                .map(StoredFile::file)
                .sorted(Comparator.comparing(FirmwareFile::name))
                .toList();
    }

    /** The file a download URI points at; empty for an unknown or stale id. */
    public Optional<FirmwareFile> byDownloadId(String downloadId) {
        return Optional.ofNullable(downloadId == null ? null : byDownloadId.get(downloadId)).map(StoredFile::file);
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
            StoredFile entry = byName.get(name);
            if (entry == null) {
                return false;
            }
            if (inUse.test(name)) {
                throw new FileInUseException(name);
            }
            // the sidecar is the commit point: once it is gone the file is gone, even after a crash
            Files.deleteIfExists(files.sidecar(name));
            byName.remove(name);
            byDownloadId.remove(entry.file().downloadId());
            InventoryFiles.deleteQuietly(entry.blob());
            files.syncDirectory();
            return true;
        }
    }

    private FirmwareFile commit(String name, Path temp, LimitedCopy copy, String version, String description)
            throws IOException {
        synchronized (commitLock) {
            StoredFile previous = byName.get(name);
            Instant now = clock.instant();
            String downloadId = previous != null && inUse.test(name) ? previous.file().downloadId() : files.newId();
            Instant created = previous != null ? previous.file().created() : now;
            FirmwareFile file = new FirmwareFile(name, copy.size(), copy.sha256(), version, description, created, now,
                    downloadId);
            Path blob = files.newBlob(name);
            InventoryFiles.moveAtomically(temp, blob);
            try {
                sidecars.write(file, blob);
            } catch (IOException | RuntimeException e) {
                InventoryFiles.deleteQuietly(blob);
                throw e;
            }
            StoredFile entry = new StoredFile(file, blob);
            byName.put(name, entry);
            // put before remove, so a kept id never goes missing for a concurrent download
            byDownloadId.put(downloadId, entry);
            if (previous != null) {
                if (!previous.file().downloadId().equals(downloadId)) {
                    byDownloadId.remove(previous.file().downloadId());
                }
                InventoryFiles.deleteQuietly(previous.blob());
            }
            files.syncDirectory();
            return file;
        }
    }

    private <T> T openCurrent(String name, Opener<T> opener) throws IOException {
        StoredFile entry = name == null ? null : byName.get(name);
        while (entry != null) {
            try {
                return opener.open(entry.blob());
            } catch (NoSuchFileException e) {
                // replaced or deleted between the lookup and the open: look again, give up if nothing changed
                StoredFile again = byName.get(name);
                if (again == entry) {
                    break;
                }
                entry = again;
            }
        }
        throw new NoSuchFileException("no firmware file named '" + name + "'");
    }

    @FunctionalInterface
    private interface Opener<T> {
        T open(Path blob) throws IOException;
    }
}
