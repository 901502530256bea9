package io.lwm2mbridge.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.inventory.RangeHeader.Result;
import io.lwm2mbridge.inventory.RangeHeader.Satisfiable;
import io.lwm2mbridge.inventory.RangeHeader.Unsatisfiable;
import io.lwm2mbridge.inventory.RangeHeader.Whole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeHeaderTest {

    @ParameterizedTest(name = "{0} of 1000 bytes is {1}-{2}")
    @CsvSource(delimiter = ';', value = {
        "bytes=0-99;          0;   99",
        "bytes=100-;          100; 999",
        "bytes=-50;           950; 999",
        "bytes=-5000;         0;   999",
        "bytes=900-5000;      900; 999",
        "bytes=999-999;       999; 999",
        "Bytes = 0-0;         0;   0",
        "bytes=0-99999999999999999999999; 0; 999",
        "bytes=0-9,20-29;     0;   9",
        "bytes=5000-6000, 10-19; 10; 19",
        "bytes=, 5-6;         5;   6"})
    void satisfiable_range_is_answered_with_206_and_its_content_range(String header, long start, long end) {
        Result result = RangeHeader.parse(header, 1000);

        assertThat(result).isInstanceOf(Satisfiable.class);
        assertThat(result.status()).isEqualTo(206);
        ByteRange range = ((Satisfiable) result).range();
        assertThat(range.start()).isEqualTo(start);
        assertThat(range.endInclusive()).isEqualTo(end);
        assertThat(range.length()).isEqualTo(end - start + 1);
        assertThat(range.contentRange()).isEqualTo("bytes " + start + "-" + end + "/1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-2000", "bytes=-0", "bytes=2000-3000,4000-"})
    void range_beyond_the_file_is_unsatisfiable_416(String header) {
        Result result = RangeHeader.parse(header, 1000);

        assertThat(result).isEqualTo(new Unsatisfiable(1000));
        assertThat(result.status()).isEqualTo(416);
        assertThat(((Unsatisfiable) result).contentRange()).isEqualTo("bytes */1000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-", "bytes=-1", "bytes=0-0"})
    void any_range_of_an_empty_file_is_unsatisfiable(String header) {
        assertThat(RangeHeader.parse(header, 0)).isEqualTo(new Unsatisfiable(0));
        assertThat(new Unsatisfiable(0).contentRange()).isEqualTo("bytes */0");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"items=0-9", "bytes", "bytes=", "bytes=abc", "bytes=9-0", "bytes=0-9,x", "bytes=--5",
        "bytes=1-2-3", "bytes=+1-2", "bytes=0x10-20", "bytes= 0 - 9"})
    void missing_or_malformed_header_is_ignored_and_the_whole_file_sent(String header) {
        Result result = RangeHeader.parse(header, 1000);

        assertThat(result).isInstanceOf(Whole.class);
        assertThat(result.status()).isEqualTo(200);
    }

    @Test
    void negative_size_is_a_programming_error() {
        assertThatThrownBy(() -> RangeHeader.parse("bytes=0-1", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteRange(5, 4, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
