package io.lwm2mbridge.engine.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder at rest and after a crash: owner-only permissions on a fresh folder and on one an older
 * version left wide open, leftover upload spool files removed at start, uploads spooled inside it.
 */
class DataDirectoryTest {

    @TempDir
    Path temp;

    @BeforeEach
    void posixOnly() throws IOException {
        assumeTrue(Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class),
                "the temporary folder has no POSIX permissions to check");
    }

    @Test
    void a_fresh_data_folder_is_0700_and_every_file_the_server_writes_0600() throws IOException {
        Path data = temp.resolve("fresh");
        try (TestServer server = TestServer.startIn(data)) {
            Api api = server.api();
            Api.Response stored = api.send(api.request("/api/v1/inventory?name=app.bin")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3})));
            assertThat(stored.status()).as(stored.toString()).isEqualTo(201);

            assertThat(permissions(data)).isEqualTo("rwx------");
            assertThat(permissions(data.resolve("store.mv"))).isEqualTo("rw-------");
            assertThat(permissions(data.resolve("inventory"))).isEqualTo("rwx------");
            assertThat(wider(data)).as("folders not 0700 and files not 0600 under " + data).isEmpty();
        }
    }

    @Test
    void an_existing_0755_folder_with_0644_files_is_narrowed_at_start() throws IOException {
        Path data = temp.resolve("older");
        try (TestServer first = TestServer.startIn(data)) {
            first.createTrigger("kept", "lwm2m-register", "log.info('x');");
        }
        // what an older version (or umask 022) left behind, plus files an operator put there
        Files.createDirectories(data.resolve("backup"));
        Files.writeString(data.resolve("backup/psk-export.txt"), "aabbcc");
        Files.writeString(data.resolve("notes.txt"), "ops notes");
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                        Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        assertThat(permissions(data.resolve("store.mv"))).isEqualTo("rw-r--r--");

        try (TestServer again = TestServer.startIn(data)) {
            assertThat(again.server().triggers().byName("kept")).isPresent();
            assertThat(permissions(data)).isEqualTo("rwx------");
            assertThat(permissions(data.resolve("store.mv"))).isEqualTo("rw-------");
            assertThat(permissions(data.resolve("inventory"))).isEqualTo("rwx------");
            assertThat(permissions(data.resolve("backup"))).isEqualTo("rwx------");
            assertThat(permissions(data.resolve("backup/psk-export.txt"))).isEqualTo("rw-------");
            assertThat(permissions(data.resolve("notes.txt"))).isEqualTo("rw-------");
            assertThat(wider(data)).isEmpty();
        }
    }

    @Test
    void upload_spool_files_left_by_a_crash_are_removed_at_start() throws IOException {
        Path data = temp.resolve("crashed");
        Path spool = data.resolve(DataDirectory.SPOOL);
        Files.createDirectories(spool.resolve("nested"));
        Files.writeString(spool.resolve("upload-123.part"), "half a firmware image");
        Files.writeString(spool.resolve("nested/part"), "x");
        try (TestServer server = TestServer.startIn(data)) {
            assertThat(spool).isDirectory();
            try (Stream<Path> left = Files.list(spool)) {
                assertThat(left.toList()).isEmpty();
            }
            assertThat(permissions(spool)).isEqualTo("rwx------");
        }
    }

    @Test
    void a_multipart_upload_is_spooled_0600_inside_the_data_folder_and_removed_after() throws Exception {
        Path data = temp.resolve("uploads");
        try (TestServer server = TestServer.startIn(data)) {
            Api api = server.api();
            String boundary = "spool-test-boundary";
            PipedOutputStream body = new PipedOutputStream();
            PipedInputStream source = new PipedInputStream(body, 256 * 1024);
            CompletableFuture<Api.Response> answer = CompletableFuture.supplyAsync(() -> api.send(
                    api.request("/api/v1/inventory").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> source))));

            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.bin\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n");
            body.write(new byte[200_000]);
            body.flush();
            // the first half has arrived: the spool file exists, under the data folder (not the system's
            // temporary folder, where other builds on this machine may be spooling at the same time)
            Path spool = data.resolve(DataDirectory.SPOOL);
            await().atMost(Duration.ofSeconds(20)).until(() -> !list(spool).isEmpty());
            assertThat(permissions(list(spool).get(0))).isEqualTo("rw-------");

            body.write(new byte[100_000]);
            write(body, "\r\n--" + boundary + "--\r\n");
            body.close();
            Api.Response r = answer.get();
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            assertThat(r.map()).containsEntry("name", "slow.bin").containsEntry("size", 300_000);
            assertThat(list(spool)).isEmpty();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String permissions(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    }

    /** Every folder that is not 0700 and every file that is not 0600, with what it is. */
    private static Map<Path, String> wider(Path root) throws IOException {
        Map<Path, String> out = new LinkedHashMap<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            walk.forEach(all::add);
        }
        for (Path p : all) {
            String perms = permissions(p);
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? !perms.equals("rwx------")
                    : Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !perms.equals("rw-------")) {
                out.put(root.relativize(p), perms);
            }
        }
        return out;
    }
}
