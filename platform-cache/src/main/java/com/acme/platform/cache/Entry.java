package com.acme.platform.cache;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.lettuce.core.KeyValue;

/**
 * One Redis hash under a cache key: a value ({@code V}), a "not found" ({@code N}) or a write's tombstone ({@code T}).
 * Fields: k kind, v version (the fence), p position read at, d data, s soft expiry (epoch ms), x load time (ms), g gone.
 */
record Entry(char kind, long version, long position, byte[] data, long softExpiryMillis, long loadMillis, boolean gone) {

    static final String[] FIELDS = {"k", "v", "p", "d", "s", "x", "g"};

    boolean isValue() {
        return kind == 'V' || kind == 'N';
    }

    boolean isTombstone() {
        return kind == 'T';
    }

    boolean softExpired(long nowMillis) {
        return nowMillis >= softExpiryMillis;
    }

    /** The {@code s} field as stored: the lease scripts compare it to tell "still the entry I saw". */
    String softExpiryToken() {
        return isValue() ? Long.toString(softExpiryMillis) : "";
    }

    static Entry fromHash(List<KeyValue<String, byte[]>> fields) {
        if (fields.isEmpty() || !fields.getFirst().hasValue()) {
            return null;
        }
        char kind = text(fields.get(0)).charAt(0);
        return new Entry(kind, number(fields.get(1)), number(fields.get(2)),
                fields.get(3).hasValue() ? fields.get(3).getValue() : null,
                number(fields.get(4)), number(fields.get(5)), "1".equals(text(fields.get(6))));
    }

    private static String text(KeyValue<String, byte[]> kv) {
        return kv.hasValue() ? new String(kv.getValue(), StandardCharsets.US_ASCII) : "";
    }

    private static long number(KeyValue<String, byte[]> kv) {
        String t = text(kv);
        return t.isEmpty() ? 0 : (long) Double.parseDouble(t);
    }
}
