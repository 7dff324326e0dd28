package com.acme.platform.cache;

/** Reads the source of truth for one key. */
@FunctionalInterface
public interface Loader<V> {

    /**
     * @param minPosition the read must reflect every write up to this commit position (from a tombstone or a client's
     *                    consistency token); 0 when any replica is good enough. A loader that reads a replica should
     *                    use the primary instead while the replica has not replayed this far.
     */
    Loaded<V> load(long minPosition);
}
