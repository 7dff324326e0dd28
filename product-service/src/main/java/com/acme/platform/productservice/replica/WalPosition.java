package com.acme.platform.productservice.replica;

import com.acme.platform.support.InvalidRequestException;

/**
 * PostgreSQL WAL positions (LSNs) as the {@code X-Consistency-Token} carries them: the server's own text form,
 * {@code 16/B374D848}. Inside the service they are plain longs, comparable with {@code <}.
 */
public final class WalPosition {

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
        int slash = token.indexOf('/');
        try {
            if (slash <= 0 || slash > 8 || token.length() - slash - 1 > 8 || token.length() - slash - 1 == 0) {
                throw new NumberFormatException(token);
            }
            return (Long.parseLong(token.substring(0, slash), 16) << 32) | Long.parseLong(token.substring(slash + 1), 16);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("'X-Consistency-Token' must be a token returned by a write (like 0/3000060), got '" + token + "'");
        }
    }
}
