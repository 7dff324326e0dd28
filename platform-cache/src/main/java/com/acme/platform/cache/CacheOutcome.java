package com.acme.platform.cache;

/** Where a read was answered from; the value of {@code X-Cache} and of the {@code result} tag of {@code cache_gets_total}. */
public enum CacheOutcome {
    /** From L1 or Redis, fresh. */
    HIT,
    /** Loaded from the database (by this caller or, after a bounded wait, for it). */
    MISS,
    /** Past its soft TTL: served at once while one caller refreshes it in the background. */
    STALE,
    /** Redis unavailable (or its breaker open): answered from the database without touching the cache. */
    BYPASS
}
