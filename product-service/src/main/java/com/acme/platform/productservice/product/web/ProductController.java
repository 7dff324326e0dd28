package com.acme.platform.productservice.product.web;

import com.acme.platform.productservice.product.config.ProductCacheProperties;
import com.acme.platform.productservice.product.domain.Product;
import com.acme.platform.productservice.product.domain.ProductCatalog;
import com.acme.platform.productservice.product.domain.ProductRead;
import com.acme.platform.productservice.product.domain.Written;
import com.acme.platform.productservice.replica.WalPosition;
import com.acme.platform.support.InvalidRequestException;
import com.acme.platform.support.PageCursor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Arrays;
import java.util.UUID;

@RestController
@RequestMapping("/api/products")
class ProductController {

    static final String CONSISTENCY_TOKEN = "X-Consistency-Token";
    static final String X_CACHE = "X-Cache";

    private final ProductCatalog catalog;
    private final CacheControl cacheControl;

    ProductController(ProductCatalog catalog, ProductCacheProperties cache) {
        this.catalog = catalog;
        this.cacheControl = CacheControl.maxAge(cache.httpMaxAge());
    }

    @GetMapping
    PageCursor.Page<Product> list(
            // The contract: out-of-range limits are rejected (400), never clamped silently.
            @RequestParam(defaultValue = "20") @Min(PageCursor.MIN_LIMIT) @Max(PageCursor.MAX_LIMIT) int limit,
            @RequestParam(required = false) String cursor,
            @RequestHeader(name = CONSISTENCY_TOKEN, required = false) String token) {
        return catalog.list(cursor, limit, WalPosition.parseToken(token));
    }

    @GetMapping("/{id}")
    ResponseEntity<Product> get(@PathVariable UUID id,
                                @RequestHeader(name = CONSISTENCY_TOKEN, required = false) String token,
                                @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ProductRead read = catalog.get(id, WalPosition.parseToken(token));
        String etag = etag(read.product().version());
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .eTag(etag)
                .cacheControl(cacheControl)
                .header(X_CACHE, read.outcome().name());
        if (ifNoneMatch != null && Arrays.stream(ifNoneMatch.split(",")).map(String::trim)
                .anyMatch(tag -> tag.equals(etag) || tag.equals("*"))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).cacheControl(cacheControl)
                    .header(X_CACHE, read.outcome().name()).build();
        }
        return response.body(read.product());
    }

    @PostMapping
    ResponseEntity<Product> create(@Valid @RequestBody ProductRequest request) {
        Written<Product> written = catalog.create(request.toDraft());
        return ResponseEntity.created(URI.create("/api/products/" + written.value().id()))
                .eTag(etag(written.value().version()))
                .header(CONSISTENCY_TOKEN, WalPosition.format(written.position()))
                .body(written.value());
    }

    @PutMapping("/{id}")
    ResponseEntity<Product> update(@PathVariable UUID id, @Valid @RequestBody ProductRequest request,
                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Written<Product> written = catalog.update(id, request.toDraft(), expectedVersion(ifMatch));
        return ResponseEntity.ok()
                .eTag(etag(written.value().version()))
                .header(CONSISTENCY_TOKEN, WalPosition.format(written.position()))
                .body(written.value());
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        Written<UUID> written = catalog.delete(id);
        return ResponseEntity.noContent().header(CONSISTENCY_TOKEN, WalPosition.format(written.position())).build();
    }

    static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** A strong ETag this service issued ({@code "7"}), or {@code *}; null when the header is absent. */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Long.parseLong(tag.substring(1, tag.length() - 1));
            } catch (NumberFormatException ignored) {
                // fall through
            }
        }
        throw new InvalidRequestException("'If-Match' must be a strong ETag of this product, like \"3\", got " + ifMatch);
    }
}
