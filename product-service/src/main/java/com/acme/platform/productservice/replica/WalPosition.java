package com.acme.platform.productservice.replica;

import com.acme.platform.support.InvalidRequestException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL WAL positions (LSNs) as the {@code X-Consistency-Token} carries them: the server's own text form,
 * {@code 16/B374D848}. Inside the service they are plain longs, comparable with {@code <}.
 */
public final class WalPosition {

    /** PostgreSQL's LSN text form: two hexadecimal 32-bit words (no sign, no prefix). */
    private static final Pattern TOKEN = Pattern.compile("([0-9A-Fa-f]{1,8})/([0-9A-Fa-f]{1,8})");

    private WalPosition() {
    }

    public static String format(long position) {
        return Long.toHexString(position >>> 32).toUpperCase() + "/" + Long.toHexString(position & 0xFFFFFFFFL).toUpperCase();
    }

    /** @return the position, or 0 for a missing token */
    public static long parseToken(String token) {
        if (token == null || token.isBlank()) {
            return 0;
        }
        Matcher lsn = TOKEN.matcher(token);
        if (!lsn.matches()) {
            throw new InvalidRequestException("'X-Consistency-Token' must be a token returned by a write (like 0/3000060), got '" + token + "'");
        }
        return (Long.parseLong(lsn.group(1), 16) << 32) | Long.parseLong(lsn.group(2), 16);
    }
}
