package com.acme.platform.productservice.product.domain;

import java.util.List;

/** One page of a keyset-paginated listing; {@code nextCursor} is null on the last page. */
public record ProductPage(List<Product> items, String nextCursor) {
}
