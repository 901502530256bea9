package io.lwm2mbridge.engine.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shortening values to a bound in bytes of JSON, with the marker that says so. */
class TruncationTest {

    @Test
    void a_value_within_the_bound_is_returned_as_it_is() {
        Map<String, Object> small = Map.of("a", "b", "n", 1);
        assertThat(Truncation.fit(small, 1000)).isSameAs(small);
        assertThat(Truncation.text("short", 100)).isEqualTo("short");
    }

    @Test
    void one_huge_string_in_a_tree_loses_its_tail_and_nothing_else() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("source", "notify");
        data.put("path", "/3/0");
        data.put("data", Map.of("3", Map.of("0", Map.of("0", "x".repeat(1_000_000), "1", "Acme"))));
        data.put("context", List.of(1, 2, "three"));

        Object fitted = Truncation.fit(data, 65_536);

        assertThat(JsonSize.of(fitted)).isLessThanOrEqualTo(65_536).isGreaterThan(60_000);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) fitted;
        assertThat(m).containsEntry("source", "notify").containsEntry("path", "/3/0")
                .containsEntry("context", List.of(1, 2, "three"));
        String value = (String) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) m.get("data")).get("3")).get("0")).get("0");
        assertThat(value).startsWith("xxxx").endsWith("...[truncated: 1000000 characters]");
        assertThat(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) m.get("data")).get("3")).get("0")).get("1")).isEqualTo("Acme");
        // the value given is left alone
        assertThat(((String) ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) data.get("data")).get("3")).get("0")).get("0")))
                .hasSize(1_000_000);
    }

    @Test
    void long_strings_are_shortened_evenly_and_short_ones_kept() {
        List<Object> values = List.of("a".repeat(50_000), "b".repeat(50_000), "c".repeat(100));
        @SuppressWarnings("unchecked")
        List<String> fitted = (List<String>) Truncation.fit(values, 20_000);
        assertThat(JsonSize.of(fitted)).isLessThanOrEqualTo(20_000);
        assertThat(fitted.get(0)).endsWith("...[truncated: 50000 characters]");
        assertThat(fitted.get(1)).endsWith("...[truncated: 50000 characters]");
        assertThat(Math.abs(fitted.get(0).length() - fitted.get(1).length())).isLessThanOrEqualTo(1);
        assertThat(fitted.get(2)).isEqualTo("c".repeat(100));
    }

    @Test
    void very_many_small_values_become_their_json_text_shortened() {
        List<Object> numbers = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            numbers.add(i);
        }
        Object fitted = Truncation.fit(numbers, 4096);
        assertThat(fitted).isInstanceOf(String.class);
        assertThat((String) fitted).startsWith("[0,1,2,3,").endsWith("characters]");
        assertThat(JsonSize.of(fitted)).isLessThanOrEqualTo(4096);
    }

    @Test
    void utf8_exceeds_answers_as_counting_would_at_the_bound() {
        String ascii = "a".repeat(1000);
        assertThat(JsonSize.utf8Exceeds(ascii, 1000)).isFalse();
        assertThat(JsonSize.utf8Exceeds(ascii + "b", 1000)).isTrue();
        String euro = "\u20AC".repeat(400); // 3 bytes each: 1200 bytes in 400 characters
        assertThat(JsonSize.utf8Exceeds(euro, 1200)).isFalse();
        assertThat(JsonSize.utf8Exceeds(euro, 1199)).isTrue();
        String emoji = "\uD83D\uDE00".repeat(300); // 4 bytes in 2 characters each: 1200 bytes
        assertThat(JsonSize.utf8Exceeds(emoji, 1200)).isFalse();
        assertThat(JsonSize.utf8Exceeds(emoji, 1199)).isTrue();
    }

    @Test
    void text_is_measured_in_utf8_bytes_of_json_and_never_splits_a_character() {
        String emoji = "\uD83D\uDE00".repeat(10_000); // 4 bytes each
        String cut = Truncation.text(emoji, 1000);
        assertThat(JsonSize.of(cut)).isLessThanOrEqualTo(1000);
        String head = cut.substring(0, cut.indexOf("...[truncated"));
        assertThat(head.length() % 2).isZero();
        assertThat(head.codePoints().allMatch(c -> c == 0x1F600)).isTrue();
        String quotes = "\"".repeat(10_000); // 2 bytes each, escaped
        assertThat(JsonSize.of(Truncation.text(quotes, 1000))).isLessThanOrEqualTo(1000);
    }

    @Test
    void exceeds_stops_at_the_bound() {
        assertThat(JsonSize.exceeds("x".repeat(100), 102)).isFalse();
        assertThat(JsonSize.exceeds("x".repeat(101), 102)).isTrue();
        assertThat(JsonSize.of(Map.of("k", "é"))).isEqualTo("{\"k\":\"é\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
