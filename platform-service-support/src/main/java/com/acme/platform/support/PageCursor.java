package com.acme.platform.support;


import io.swagger.v3.oas.annotations.media.Schema;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset pagination for every listing of the platform ({@code ?limit=&cursor=} answered as {@code {items, nextCursor}}):
 * the cursor is base64url of the last id of the previous page. Opaque, so the key behind it can change without
 * breaking clients.
 */
public final class PageCursor {

    /** The contract's bounds of {@code limit} everywhere; out-of-range values are 400, never clamped. */
    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 1000;
    /** How the OpenAPI documents describe the {@code cursor} parameter. */
    public static final String CURSOR_DESCRIPTION = "the nextCursor of the previous page; omitted for the first page";

    private PageCursor() {
    }

    public static String encode(UUID lastId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastId.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The id after which the page starts; empty for the first page; 400 for anything this platform did not issue. */
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

    /**
     * One page from rows fetched with {@code limit + 1}: the extra row only tells that another page exists (no COUNT).
     */
    public static <T> Page<T> page(List<T> rows, int limit, Function<T, UUID> id) {
        boolean more = rows.size() > limit;
        List<T> items = more ? rows.subList(0, limit) : rows;
        return new Page<>(List.copyOf(items), more ? encode(id.apply(items.getLast())) : null);
    }

    /** One page of a listing; {@code nextCursor} is null on the last page. */
    public record Page<T>(
            @Schema(description = "this page's items, in the listing's order", requiredMode = Schema.RequiredMode.REQUIRED) List<T> items,
            @Schema(description = "pass as cursor to get the next page; null on the last page", types = {"string", "null"},
                    requiredMode = Schema.RequiredMode.REQUIRED, example = "MGI3ZTVhNGUtM2MxZi00ZjdlLTlkNDMtMmExYzVlNmY3YTgx") String nextCursor) {
    }
}
