package com.acme.platform.cache;

import java.util.Optional;

/**
 * The answer of {@link StampedeProtectedCache#get}: the value (empty when the loader found nothing) and where it came from.
 */
public record CacheRead<V>(Optional<V> value, CacheOutcome outcome) {
}
