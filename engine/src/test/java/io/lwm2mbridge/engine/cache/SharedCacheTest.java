package io.lwm2mbridge.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared cache on a ticker the test moves: per-entry TTL, no TTL, replacement, size bound. */
class SharedCacheTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final SharedCache cache = new SharedCache(100, ticker);

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void entry_with_ttl_is_there_until_its_ttl_passes_then_gone() {
        cache.set("k", Map.of("a", 1), Duration.ofSeconds(10));
        advance(Duration.ofSeconds(9));
        assertThat(cache.get("k")).contains(Map.of("a", 1));
        advance(Duration.ofMillis(1001));
        assertThat(cache.get("k")).isEmpty();
        assertThat(cache.contains("k")).isFalse();
    }

    @Test
    void entry_without_ttl_stays_however_long_time_passes() {
        cache.set("forever", "v", null);
        advance(Duration.ofDays(3650));
        assertThat(cache.get("forever")).contains("v");
    }

    @Test
    void each_entry_keeps_its_own_ttl() {
        cache.set("short", 1, Duration.ofSeconds(1));
        cache.set("long", 2, Duration.ofSeconds(60));
        advance(Duration.ofSeconds(2));
        assertThat(cache.get("short")).isEmpty();
        assertThat(cache.get("long")).contains(2);
    }

    @Test
    void setting_again_replaces_value_and_ttl_and_reading_does_not_extend_it() {
        cache.set("k", "old", Duration.ofSeconds(5));
        advance(Duration.ofSeconds(4));
        assertThat(cache.get("k")).contains("old");
        cache.set("k", "new", null); // no TTL any more
        advance(Duration.ofSeconds(100));
        assertThat(cache.get("k")).contains("new");

        cache.set("r", "x", Duration.ofSeconds(5));
        for (int i = 0; i < 4; i++) {
            advance(Duration.ofSeconds(1));
            assertThat(cache.get("r")).contains("x");
        }
        advance(Duration.ofSeconds(1));
        assertThat(cache.get("r")).isEmpty();
    }

    @Test
    void delete_removes_and_says_whether_it_was_there() {
        cache.set("k", "v", null);
        assertThat(cache.delete("k")).isTrue();
        assertThat(cache.delete("k")).isFalse();
        assertThat(cache.get("k")).isEmpty();
    }

    @Test
    void size_bound_evicts_and_can_be_lowered_at_run_time() {
        for (int i = 0; i < 150; i++) {
            cache.set("k" + i, i, null);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
        cache.resize(10);
        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void non_positive_ttl_is_refused() {
        assertThatThrownBy(() -> cache.set("k", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
