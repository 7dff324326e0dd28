package com.acme.platform.cache;

/** Redis is unavailable and the bounded number of concurrent database loads in bypass mode is in use. */
public class CacheBypassRejectedException extends RuntimeException {

    CacheBypassRejectedException(String cache) {
        super("cache '" + cache + "' is bypassed (Redis unavailable) and its database load limit is reached; retry shortly");
    }
}
