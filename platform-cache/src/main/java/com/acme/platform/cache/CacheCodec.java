package com.acme.platform.cache;

/** Turns values into the bytes stored in Redis and back, and names their version for the fence. */
public interface CacheCodec<V> {

    byte[] encode(V value);

    V decode(byte[] bytes);

    /** Grows with every write of the value; a fill older than the last invalidation's version is refused. */
    long version(V value);
}
