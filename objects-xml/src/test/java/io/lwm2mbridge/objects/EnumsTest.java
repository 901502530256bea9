package io.lwm2mbridge.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnumsTest {

    @Test
    void every_type_reads_back_from_its_ddf_name() {
        for (ResourceType type : ResourceType.values()) {
            assertThat(ResourceType.fromDdf(type.ddfName())).isEqualTo(type);
            assertThat(ResourceType.fromDdf(" " + type.ddfName().toUpperCase() + "\n")).isEqualTo(type);
        }
        assertThat(ResourceType.UNSIGNED_INTEGER.ddfName()).isEqualTo("Unsigned Integer");
        assertThat(ResourceType.NONE.ddfName()).isEqualTo("none");
    }

    @Test
    void empty_or_absent_type_means_none() {
        assertThat(ResourceType.fromDdf(null)).isEqualTo(ResourceType.NONE);
        assertThat(ResourceType.fromDdf("  ")).isEqualTo(ResourceType.NONE);
    }

    @Test
    void unknown_type_is_rejected_with_the_accepted_spellings() {
        assertThatThrownBy(() -> ResourceType.fromDdf("Strin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown Type 'Strin' (expected one of String, Integer, Unsigned Integer, Float, Boolean,"
                        + " Opaque, Time, Objlnk, Corelnk, or empty for executable resources)");
    }

    @Test
    void operations_read_from_ddf_and_tell_what_is_allowed() {
        assertThat(Operations.fromDdf("rw")).isEqualTo(Operations.RW);
        assertThat(Operations.fromDdf("")).isEqualTo(Operations.NONE);
        assertThat(Operations.fromDdf(null)).isEqualTo(Operations.NONE);
        assertThat(Operations.fromDdf(" E ")).isEqualTo(Operations.E);
        assertThat(Operations.RW.isReadable() && Operations.RW.isWritable() && !Operations.RW.isExecutable()).isTrue();
        assertThat(Operations.R.isWritable()).isFalse();
        assertThat(Operations.W.isReadable()).isFalse();
        assertThat(Operations.E.isExecutable()).isTrue();
        assertThat(Operations.NONE.isReadable() || Operations.NONE.isWritable() || Operations.NONE.isExecutable()).isFalse();
        assertThatThrownBy(() -> Operations.fromDdf("RE")).hasMessageContaining("'RE'");
    }

    @Test
    void id_format_reads_options_case_insensitively_and_null_as_null() {
        assertThat(IdFormat.fromOption("numbers")).isEqualTo(IdFormat.NUMBERS);
        assertThat(IdFormat.fromOption("Strings")).isEqualTo(IdFormat.STRINGS);
        assertThat(IdFormat.fromOption(" COMBINED ")).isEqualTo(IdFormat.COMBINED);
        assertThat(IdFormat.fromOption(null)).isNull();
        assertThat(IdFormat.COMBINED.option()).isEqualTo("combined");
        assertThatThrownBy(() -> IdFormat.fromOption("names")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown translateIds 'names' (expected numbers, strings or combined)");
    }
}
