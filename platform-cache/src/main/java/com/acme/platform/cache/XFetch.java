package com.acme.platform.cache;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Probabilistic early refresh (Vattani, Chierichetti, Lowenstein, "Optimal Probabilistic Cache Stampede Prevention",
 * VLDB 2015): refresh when {@code now - delta * beta * ln(rand()) >= expiry}. Keys that took long to load
 * (large delta) and keys read often (many draws) are refreshed a little before they go stale, so the hottest keys
 * rarely reach their soft TTL at all.
 */
final class XFetch {

    private XFetch() {
    }

    static boolean shouldRefreshEarly(long nowMillis, long loadMillis, long softExpiryMillis, double beta) {
        if (beta <= 0) {
            return false;
        }
        double rand = 1.0 - ThreadLocalRandom.current().nextDouble(); // (0, 1]: ln(0) would be -infinity
        double gap = -Math.max(loadMillis, 1) * beta * Math.log(rand);
        return nowMillis + gap >= softExpiryMillis;
    }
}
