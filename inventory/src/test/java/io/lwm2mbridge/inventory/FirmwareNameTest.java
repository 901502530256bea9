package io.lwm2mbridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FirmwareNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "fw-1.2.3.bin", "Device_FW.v2-rc1", "1", "a.b.c", "x."})
    void accepts_letters_digits_dots_underscores_and_dashes(String name) {
        assertThat(FirmwareName.requireValid(name)).isEqualTo(name);
        assertThat(FirmwareName.isValid(name)).isTrue();
    }

    @Test
    void accepts_128_characters_and_rejects_129() {
        assertThat(FirmwareName.isValid("a".repeat(128))).isTrue();
        assertThatThrownBy(() -> FirmwareName.requireValid("a".repeat(129)))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("at most 128");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"../x", "..", "a/b", "/abs", "a\\b", "%2e%2e", "%2e%2e%2fx", ".hidden", "a..b",
        "a b", "a\u0000b", "a\nb", "tab\t", "\u007f", "fw\u00e9.bin", "a:b", "a~meta.json", "a?b"})
    void rejects_traversal_separators_escapes_and_control_characters(String name) {
        assertThat(FirmwareName.isValid(name)).isFalse();
        assertThatThrownBy(() -> FirmwareName.requireValid(name)).isInstanceOf(InvalidNameException.class);
    }

    @Test
    void rejection_message_says_why() {
        assertThatThrownBy(() -> FirmwareName.requireValid("a/b")).hasMessageContaining("'/'");
        assertThatThrownBy(() -> FirmwareName.requireValid("a\u0001")).hasMessageContaining("U+0001");
        assertThatThrownBy(() -> FirmwareName.requireValid(".x")).hasMessageContaining("start with '.'");
        assertThatThrownBy(() -> FirmwareName.requireValid("a..b")).hasMessageContaining("\"..\"");
        assertThatThrownBy(() -> FirmwareName.requireValid("")).hasMessageContaining("empty");
    }
}
