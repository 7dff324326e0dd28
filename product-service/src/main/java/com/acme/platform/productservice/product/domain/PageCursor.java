package com.acme.platform.productservice.product.domain;

import com.acme.platform.support.InvalidRequestException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** Opaque cursors: base64url of the last id of the previous page. Opaque so the key can change without breaking clients. */
public final class PageCursor {

    private PageCursor() {
    }

    public static String encode(UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Optional<UUID> decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("'cursor' is not a cursor this service issued: use the nextCursor of a previous page");
        }
    }
}
