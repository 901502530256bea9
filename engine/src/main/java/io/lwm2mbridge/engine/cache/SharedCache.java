package io.lwm2mbridge.engine.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The key-value cache shared by every trigger run. Held in memory only (it does not survive a
 * restart), bounded by entry count; each entry keeps its own time to live, and one set without a TTL
 * stays until it is deleted or evicted by the size bound. Safe for concurrent use.
 */
public final class SharedCache {

    /** What is kept per key: the JSON-like value and its own time to live (null: none). */
    private record Entry(Object value, Duration ttl) {}

    private final Cache<String, Entry> cache;

    /**
     * @param maximumSize entries kept before the least recently used are evicted
     * @param ticker the time source for expiry (tests pass one they can move)
     */
    public SharedCache(long maximumSize, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .ticker(ticker)
                .expireAfter(new PerEntryTtl())
                // evictions and expiries are applied on the caller's thread, not on a pool of their own
                .executor(Runnable::run)
                .build();
    }

    /** The value, or empty when absent or expired. A stored null is present as empty too. */
    public Optional<Object> get(String key) {
        Entry e = cache.getIfPresent(Objects.requireNonNull(key, "key"));
        return e == null ? Optional.empty() : Optional.ofNullable(e.value());
    }

    public boolean contains(String key) {
        return cache.getIfPresent(key) != null;
    }

    /** Stores a value; {@code ttl} null or absent means no expiry. Replacing a key replaces its TTL too. */
    public void set(String key, Object value, Duration ttl) {
        if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        cache.put(Objects.requireNonNull(key, "key"), new Entry(value, ttl));
    }

    /** Removes a key; true when it was there. */
    public boolean delete(String key) {
        return cache.asMap().remove(key) != null;
    }

    /** Changes the size bound; applies at once, evicting what is over it. */
    public void resize(long maximumSize) {
        cache.policy().eviction().ifPresent(e -> e.setMaximum(maximumSize));
        cache.cleanUp();
    }

    /** Entries kept now (an estimate that includes expired ones not yet cleaned up). */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static final class PerEntryTtl implements Expiry<String, Entry> {
        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return entry.ttl() == null ? Long.MAX_VALUE : entry.ttl().toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return expireAfterCreate(key, entry, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
