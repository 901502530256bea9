package io.lwm2mbridge.inventory;

import static io.lwm2mbridge.inventory.InventoryFiles.META_SUFFIX;
import static io.lwm2mbridge.inventory.InventoryFiles.TEMP_PREFIX;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON metadata sidecars, the commit point of every file: written after the content is in place, and
 * read back when the inventory opens, which also removes what a crash left behind (temp files, content no
 * sidecar refers to). A sidecar that cannot be trusted is ignored, but its content is kept for a person to
 * repair by hand.
 */
final class Sidecars {

    private static final Logger LOG = LoggerFactory.getLogger(Sidecars.class);
    private static final Pattern HEX_128 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    private final InventoryFiles files;
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    Sidecars(InventoryFiles files) {
        this.files = files;
    }

    /** Writes the sidecar of {@code file}, naming {@code blob} as its content, atomically. */
    void write(FirmwareFile file, Path blob) throws IOException {
        Sidecar sidecar = new Sidecar(file.name(), file.size(), file.sha256(), file.version(), file.description(),
                file.created().toString(), file.updated().toString(), file.downloadId(),
                blob.getFileName().toString());
        files.writeAtomically(json.writeValueAsBytes(sidecar), files.sidecar(file.name()));
    }

    /** Reads every sidecar of the directory, cleaning up after a crash on the way. */
    List<StoredFile> load() throws IOException {
        List<Path> sidecars = new ArrayList<>();
        List<Path> blobs = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(files.dir())) {
            for (Path path : entries) {
                String fileName = path.getFileName().toString();
                if (fileName.startsWith(TEMP_PREFIX)) {
                    LOG.info("Removing {}, left by an interrupted upload", path);
                    InventoryFiles.deleteQuietly(path);
                } else if (fileName.endsWith(META_SUFFIX)) {
                    sidecars.add(path);
                } else if (fileName.indexOf('~') > 0) {
                    blobs.add(path);
                }
                // anything else was not written by the inventory: leave it alone
            }
        }
        List<StoredFile> loaded = new ArrayList<>();
        Set<Path> referenced = new HashSet<>();
        Set<String> doubtful = new HashSet<>();
        for (Path path : sidecars) {
            String fileName = path.getFileName().toString();
            String name = fileName.substring(0, fileName.length() - META_SUFFIX.length());
            try {
                StoredFile stored = toStoredFile(name, json.readValue(path.toFile(), Sidecar.class));
                loaded.add(stored);
                referenced.add(stored.blob());
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
                InventoryFiles.deleteQuietly(blob);
            }
        }
        return loaded;
    }

    private StoredFile toStoredFile(String name, Sidecar s) throws IOException {
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
        Path blob = files.dir().resolve(s.blob());
        long actual = Files.size(blob);
        if (actual != s.size()) {
            throw new IOException("content is " + actual + " bytes, metadata says " + s.size());
        }
        FirmwareFile file = new FirmwareFile(name, s.size(), s.sha256(), s.version(), s.description(),
                Instant.parse(s.created()), Instant.parse(s.updated()), s.downloadId());
        return new StoredFile(file, blob);
    }

    /** The JSON sidecar; dates as ISO-8601 text so no Jackson time module is needed. */
    record Sidecar(String name, long size, String sha256, String version, String description, String created,
            String updated, String downloadId, String blob) {
    }
}
