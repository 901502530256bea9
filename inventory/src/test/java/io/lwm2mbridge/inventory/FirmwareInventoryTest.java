package io.lwm2mbridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FirmwareInventoryTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private FirmwareInventory inventory;

    @BeforeEach
    void open() throws IOException {
        inventory = new FirmwareInventory(dir, clock);
    }

    @Test
    void stored_file_survives_a_restart_with_its_metadata_content_and_sha256() throws Exception {
        byte[] content = PatternStream.bytes(5000, 1);
        FirmwareFile stored = inventory.store("fw-1.0.bin", new ByteArrayInputStream(content), "1.0", "first");

        FirmwareInventory restarted = new FirmwareInventory(dir, clock);

        assertThat(restarted.get("fw-1.0.bin")).contains(stored);
        assertThat(stored.size()).isEqualTo(5000);
        assertThat(stored.sha256()).isEqualTo(sha256(content)).matches("[0-9a-f]{64}");
        assertThat(stored).extracting(FirmwareFile::version, FirmwareFile::description, FirmwareFile::created,
                FirmwareFile::updated).containsExactly("1.0", "first", T0, T0);
        assertThat(restarted.byDownloadId(stored.downloadId())).contains(stored);
        try (InputStream in = restarted.open("fw-1.0.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
    }

    @Test
    void null_version_and_description_survive_a_restart() throws Exception {
        FirmwareFile stored = inventory.store("bare", new ByteArrayInputStream(new byte[0]), null, null);

        assertThat(new FirmwareInventory(dir, clock).get("bare")).contains(stored);
        assertThat(stored.size()).isZero();
    }

    @Test
    void file_of_exactly_16_mib_is_accepted_with_the_right_sha256() throws Exception {
        long max = FirmwareInventory.DEFAULT_MAX_BYTES;
        assertThat(max).isEqualTo(16 * 1024 * 1024);

        FirmwareFile stored = inventory.store("big.bin", new PatternStream(max), "2", null);

        assertThat(stored.size()).isEqualTo(max);
        assertThat(stored.sha256()).isEqualTo(PatternStream.sha256(max, 0));
        assertThat(Files.size(dir.resolve(blobOf("big.bin")))).isEqualTo(max);
    }

    @Test
    void one_byte_over_16_mib_is_rejected_leaving_the_previous_file_and_nothing_else() throws Exception {
        byte[] previousContent = PatternStream.bytes(300, 7);
        FirmwareFile previous = inventory.store("fw.bin", new ByteArrayInputStream(previousContent), "1", null);
        Set<Path> before = listDir();
        PatternStream tooBig = new PatternStream(FirmwareInventory.DEFAULT_MAX_BYTES + 1);
        clock.advance(Duration.ofMinutes(1));

        assertThatThrownBy(() -> inventory.store("fw.bin", tooBig, "2", null))
                .isInstanceOfSatisfying(FileTooLargeException.class,
                        e -> assertThat(e.maxBytes()).isEqualTo(FirmwareInventory.DEFAULT_MAX_BYTES));

        assertThat(tooBig.bytesRead()).isEqualTo(FirmwareInventory.DEFAULT_MAX_BYTES + 1);
        assertThat(listDir()).isEqualTo(before);
        assertThat(inventory.get("fw.bin")).contains(previous);
        assertThat(inventory.byDownloadId(previous.downloadId())).contains(previous);
        try (InputStream in = inventory.open("fw.bin")) {
            assertThat(in.readAllBytes()).isEqualTo(previousContent);
        }
        assertThat(new FirmwareInventory(dir, clock).list()).containsExactly(previous);
    }

    @Test
    void reading_stops_right_after_the_limit_of_a_small_inventory() throws Exception {
        FirmwareInventory small = new FirmwareInventory(dir.resolve("small"), 100, clock);
        PatternStream endless = new PatternStream(Long.MAX_VALUE);

        assertThatThrownBy(() -> small.store("x", endless, null, null)).isInstanceOf(FileTooLargeException.class)
                .hasMessageContaining("100 bytes");

        assertThat(endless.bytesRead()).isEqualTo(101);
        assertThat(small.store("x", new PatternStream(100), null, null).size()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "%2e%2e", "", ".tmp-x", "a\u0000", "..", "x~meta.json"})
    void store_rejects_bad_names_without_writing_anything(String name) throws Exception {
        assertThatThrownBy(() -> inventory.store(name, new ByteArrayInputStream(new byte[1]), null, null))
                .isInstanceOf(InvalidNameException.class);

        assertThat(listDir()).isEmpty();
        assertThat(dir.getParent().resolve("x")).doesNotExist();
    }

    @Test
    void lookups_of_bad_names_find_nothing() {
        assertThat(inventory.get("../x")).isEmpty();
        assertThat(inventory.get(null)).isEmpty();
        assertThatThrownBy(() -> inventory.open("../x")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void delete_is_refused_while_a_running_update_uses_the_file() throws Exception {
        FirmwareFile file = inventory.store("fw.bin", new PatternStream(10), null, null);
        Set<String> inUse = new HashSet<>(Set.of("fw.bin"));
        inventory.setInUseCheck(inUse::contains);

        assertThatThrownBy(() -> inventory.delete("fw.bin")).isInstanceOf(FileInUseException.class)
                .hasMessageContaining("fw.bin");
        assertThat(inventory.get("fw.bin")).contains(file);

        inUse.clear();
        assertThat(inventory.delete("fw.bin")).isTrue();
        assertThat(inventory.get("fw.bin")).isEmpty();
    }

    @Test
    void deleted_file_is_gone_with_its_download_id_also_after_a_restart() throws Exception {
        FirmwareFile file = inventory.store("fw.bin", new PatternStream(10), null, null);

        assertThat(inventory.delete("fw.bin")).isTrue();

        assertThat(inventory.delete("fw.bin")).isFalse();
        assertThat(inventory.byDownloadId(file.downloadId())).isEmpty();
        assertThat(listDir()).isEmpty();
        assertThat(new FirmwareInventory(dir, clock).list()).isEmpty();
        assertThatThrownBy(() -> inventory.open("fw.bin")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void unknown_download_id_finds_nothing() throws Exception {
        inventory.store("fw.bin", new PatternStream(10), null, null);

        assertThat(inventory.byDownloadId("0123456789abcdef0123456789abcdef")).isEmpty();
        assertThat(inventory.byDownloadId("")).isEmpty();
        assertThat(inventory.byDownloadId(null)).isEmpty();
    }

    @Test
    void download_ids_are_unique_128_bit_hex() throws Exception {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String id = inventory.store("f" + i, new PatternStream(1), null, null).downloadId();
            assertThat(id).matches("[0-9a-f]{32}");
            ids.add(id);
        }

        assertThat(ids).hasSize(50);
        assertThat(HexFormat.of().parseHex(ids.iterator().next())).hasSize(16);
    }

    @Test
    void download_path_holds_the_id_and_the_name() throws Exception {
        FirmwareFile file = inventory.store("fw.bin", new PatternStream(1), null, null);

        assertThat(file.downloadPath()).isEqualTo("/fw/" + file.downloadId() + "/fw.bin");
    }

    @Test
    void replacing_a_file_gives_a_fresh_download_id_and_keeps_its_creation_date() throws Exception {
        FirmwareFile first = inventory.store("fw.bin", new PatternStream(10, 1), "1", "old");
        clock.advance(Duration.ofHours(1));

        FirmwareFile second = inventory.store("fw.bin", new PatternStream(20, 2), "2", "new");

        assertThat(second.downloadId()).isNotEqualTo(first.downloadId());
        assertThat(second.created()).isEqualTo(T0);
        assertThat(second.updated()).isEqualTo(T0.plus(Duration.ofHours(1)));
        assertThat(second.sha256()).isEqualTo(PatternStream.sha256(20, 2));
        assertThat(inventory.byDownloadId(first.downloadId())).isEmpty();
        assertThat(inventory.byDownloadId(second.downloadId())).contains(second);
        assertThat(listDir()).hasSize(2);
        assertThat(new FirmwareInventory(dir, clock).get("fw.bin")).contains(second);
    }

    @Test
    void replacing_a_file_in_use_keeps_its_download_id_so_the_device_uri_stays_valid() throws Exception {
        FirmwareFile first = inventory.store("fw.bin", new PatternStream(10, 1), "1", null);
        inventory.setInUseCheck("fw.bin"::equals);

        FirmwareFile second = inventory.store("fw.bin", new PatternStream(20, 2), "2", null);

        assertThat(second.downloadId()).isEqualTo(first.downloadId());
        assertThat(inventory.byDownloadId(first.downloadId())).contains(second);
    }

    @Test
    void list_is_sorted_by_name() throws Exception {
        for (String name : List.of("b", "C", "a", "a.1")) {
            inventory.store(name, new PatternStream(1), null, null);
        }

        assertThat(inventory.list()).extracting(FirmwareFile::name).containsExactly("C", "a", "a.1", "b");
    }

    @Test
    void start_removes_leftovers_of_a_crash_but_not_foreign_files() throws Exception {
        FirmwareFile kept = inventory.store("fw.bin", new PatternStream(10), null, null);
        Files.write(dir.resolve(".tmp-0123"), new byte[5]);
        Files.write(dir.resolve("fw.bin~0123456789abcdef0123456789abcdef"), new byte[5]);
        Files.write(dir.resolve("gone.bin~0123456789abcdef0123456789abcdef"), new byte[5]);
        Files.write(dir.resolve("README"), new byte[5]);

        FirmwareInventory restarted = new FirmwareInventory(dir, clock);

        assertThat(restarted.list()).containsExactly(kept);
        assertThat(listDir()).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("README", "fw.bin~meta.json", blobOf("fw.bin"));
    }

    @Test
    void unreadable_metadata_is_skipped_and_its_content_kept_for_repair() throws Exception {
        inventory.store("fw.bin", new PatternStream(10), null, null);
        String blob = blobOf("fw.bin");
        Files.writeString(dir.resolve("fw.bin~meta.json"), "{ not json");

        FirmwareInventory restarted = new FirmwareInventory(dir, clock);

        assertThat(restarted.list()).isEmpty();
        assertThat(dir.resolve(blob)).exists();
    }

    @Test
    void channel_gives_random_access_to_the_content() throws Exception {
        byte[] content = PatternStream.bytes(4000, 3);
        inventory.store("fw.bin", new ByteArrayInputStream(content), null, null);

        try (FileChannel channel = inventory.openChannel("fw.bin")) {
            ByteBuffer buffer = ByteBuffer.allocate(100);
            channel.read(buffer, 3900);
            assertThat(channel.size()).isEqualTo(4000);
            assertThat(buffer.array()).isEqualTo(java.util.Arrays.copyOfRange(content, 3900, 4000));
        }
    }

    @Test
    void open_stream_keeps_reading_the_old_content_after_a_replacement() throws Exception {
        byte[] old = PatternStream.bytes(1000, 1);
        inventory.store("fw.bin", new ByteArrayInputStream(old), null, null);

        try (InputStream in = inventory.open("fw.bin")) {
            inventory.store("fw.bin", new PatternStream(2000, 2), null, null);
            assertThat(in.readAllBytes()).isEqualTo(old);
        }
    }

    @Test
    void concurrent_stores_of_one_name_leave_one_consistent_file() throws Exception {
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<FirmwareFile>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int seed = i;
                results.add(pool.submit(() -> inventory.store("fw.bin", new PatternStream(2000 + seed, seed), null, null)));
            }
            for (java.util.concurrent.Future<FirmwareFile> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }

        FirmwareFile current = inventory.get("fw.bin").orElseThrow();
        try (InputStream in = inventory.open("fw.bin")) {
            assertThat(sha256(in.readAllBytes())).isEqualTo(current.sha256());
        }
        assertThat(listDir()).hasSize(2);
        assertThat(new FirmwareInventory(dir, clock).list()).containsExactly(current);
    }

    private String blobOf(String name) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.startsWith(name + "~") && !f.endsWith("~meta.json"))
                    .findFirst().orElseThrow();
        }
    }

    private Set<Path> listDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new HashSet<>(files.toList());
        }
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
