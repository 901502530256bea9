package io.lwm2mbridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.inventory.BlockReader.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BlockReaderTest {

    @TempDir
    Path dir;

    private FirmwareInventory inventory;
    private BlockReader reader;

    @BeforeEach
    void open() throws Exception {
        inventory = new FirmwareInventory(dir, new MutableClock(Instant.EPOCH));
        reader = new BlockReader(inventory);
    }

    @ParameterizedTest
    @CsvSource({"0, 16", "1, 32", "2, 64", "3, 128", "4, 256", "5, 512", "6, 1024"})
    void szx_maps_to_block_sizes_16_to_1024(int szx, int size) {
        assertThat(BlockReader.blockSize(szx)).isEqualTo(size);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 7, 8})
    void szx_outside_0_to_6_is_rejected(int szx) throws Exception {
        store("fw", 100);
        assertThatThrownBy(() -> reader.block("fw", 0, szx)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SZX");
    }

    @Test
    void file_of_a_whole_number_of_blocks_ends_with_a_full_block_without_more() throws Exception {
        byte[] content = store("fw", 1024);

        for (int num = 0; num < 16; num++) {
            Block block = reader.block("fw", num, 2);
            assertThat(block.payload()).hasSize(64).isEqualTo(slice(content, num * 64, 64));
            assertThat(block.more()).isEqualTo(num < 15);
        }
        assertThatThrownBy(() -> reader.block("fw", 16, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void file_not_a_multiple_of_the_block_size_ends_with_a_short_block_without_more() throws Exception {
        byte[] content = store("fw", 1000);

        Block third = reader.block("fw", 2, 4);
        Block last = reader.block("fw", 3, 4);

        assertThat(third.payload()).hasSize(256);
        assertThat(third.more()).isTrue();
        assertThat(last.payload()).hasSize(1000 - 768).isEqualTo(slice(content, 768, 232));
        assertThat(last.more()).isFalse();
    }

    @Test
    void file_smaller_than_one_block_is_a_single_block() throws Exception {
        byte[] content = store("fw", 1000);

        Block only = reader.block("fw", 0, 6);

        assertThat(only.payload()).isEqualTo(content);
        assertThat(only.more()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void concatenating_all_blocks_gives_the_original_bytes(int szx) throws Exception {
        for (int length : new int[] {1, 1000, 4096, 5001}) {
            byte[] content = store("fw" + length, length);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            Block block;
            int num = 0;
            do {
                block = reader.block("fw" + length, num++, szx);
                joined.writeBytes(block.payload());
            } while (block.more());
            assertThat(joined.toByteArray()).isEqualTo(content);
        }
    }

    @Test
    void block_past_the_end_is_rejected_with_a_clear_message() throws Exception {
        store("fw", 1000);

        assertThatThrownBy(() -> reader.block("fw", 4, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("block 4").hasMessageContaining("past the end").hasMessageContaining("0..3");
        assertThatThrownBy(() -> reader.block("fw", -1, 4)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> reader.block("fw", Integer.MAX_VALUE, 6))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void empty_file_has_one_empty_last_block() throws Exception {
        store("empty", 0);

        Block block = reader.block("empty", 0, 0);

        assertThat(block.payload()).isEmpty();
        assertThat(block.more()).isFalse();
        assertThatThrownBy(() -> reader.block("empty", 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknown_file_is_no_such_file() {
        assertThatThrownBy(() -> reader.block("nope", 0, 6)).isInstanceOf(NoSuchFileException.class);
    }

    private byte[] store(String name, int length) throws Exception {
        byte[] content = PatternStream.bytes(length, length);
        inventory.store(name, new ByteArrayInputStream(content), null, null);
        return content;
    }

    private static byte[] slice(byte[] content, int from, int length) {
        return java.util.Arrays.copyOfRange(content, from, from + length);
    }
}
