package com.acme.platform.cache;

/**
 * What a {@link Loader} read.
 *
 * @param value    the value, or {@code null} when the source has nothing under the key (negative-cached)
 * @param position a lower bound of the source's commit position at the time of the read (e.g. a WAL LSN): every
 *                 write committed at or before it is reflected in {@code value}
 */
public record Loaded<V>(V value, long position) {
}
