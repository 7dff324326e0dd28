package com.acme.platform.productservice.product.web;

import com.acme.platform.productservice.product.config.ProductCacheProperties;
import com.acme.platform.productservice.product.domain.Product;
import com.acme.platform.productservice.product.domain.ProductCatalog;
import com.acme.platform.productservice.product.domain.ProductRead;
import com.acme.platform.productservice.product.domain.Written;
import com.acme.platform.productservice.replica.WalPosition;
import com.acme.platform.support.InvalidRequestException;
import com.acme.platform.support.PageCursor;
import com.acme.platform.support.apidocs.ApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Products", description = "The catalog: public reads, admin writes")
class ProductController {

    static final String CONSISTENCY_TOKEN = "X-Consistency-Token";
    static final String X_CACHE = "X-Cache";
    private static final String X_CACHE_DESCRIPTION = "HIT (from the cache), MISS (loaded from the database), STALE "
            + "(served while being refreshed) or BYPASS (cache unavailable, read from the database)";
    private static final String TOKEN_DESCRIPTION = "the X-Consistency-Token of a write of yours: the read never "
            + "sees data older than that write";
    private static final String TOKEN_ANSWER_DESCRIPTION = "send it back in X-Consistency-Token to read this write "
            + "(or anything newer), never older data";

    private final ProductCatalog catalog;
    private final CacheControl cacheControl;

    ProductController(ProductCatalog catalog, ProductCacheProperties cache) {
        this.catalog = catalog;
        this.cacheControl = CacheControl.maxAge(cache.httpMaxAge());
    }

    @Operation(operationId = "listProducts", summary = "List products, a page at a time",
            description = "Products in a stable order; pass the answer's nextCursor as cursor for the next page.")
    @ApiResponse(responseCode = "200", description = "a page of products; nextCursor is null on the last page")
    @ApiResponse(responseCode = "400", description = "limit outside 1..1000, a cursor this service did not issue, or a malformed X-Consistency-Token")
    @GetMapping
    PageCursor.Page<Product> list(
            // The contract: out-of-range limits are rejected (400), never clamped silently.
            @Parameter(description = "page size, 1..1000") @RequestParam(defaultValue = "20") @Min(PageCursor.MIN_LIMIT) @Max(PageCursor.MAX_LIMIT) int limit,
            @Parameter(description = PageCursor.CURSOR_DESCRIPTION) @RequestParam(required = false) String cursor,
            @Parameter(description = TOKEN_DESCRIPTION) @RequestHeader(name = CONSISTENCY_TOKEN, required = false) String token) {
        return catalog.list(cursor, limit, WalPosition.parseToken(token));
    }

    @Operation(operationId = "getProduct", summary = "Read one product",
            description = "Served from the shared cache when it can be; revalidate with If-None-Match.")
    @ApiResponse(responseCode = "200", description = "the product", headers = {
            @Header(name = HttpHeaders.ETAG, description = "strong ETag: the product's version in quotes", schema = @Schema(type = "string", example = "\"3\"")),
            @Header(name = HttpHeaders.CACHE_CONTROL, description = "how long a client may reuse the answer", schema = @Schema(type = "string", example = "max-age=5")),
            @Header(name = X_CACHE, description = X_CACHE_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"HIT", "MISS", "STALE", "BYPASS"}))})
    @ApiResponse(responseCode = "304", description = "If-None-Match holds the current ETag: reuse your copy", headers = {
            @Header(name = HttpHeaders.ETAG, description = "the current ETag", schema = @Schema(type = "string")),
            @Header(name = X_CACHE, description = X_CACHE_DESCRIPTION, schema = @Schema(type = "string", allowableValues = {"HIT", "MISS", "STALE", "BYPASS"}))},
            content = @Content)
    @ApiResponse(responseCode = "400", description = "the id is not a UUID, or the X-Consistency-Token is malformed")
    @ApiResponse(responseCode = "404", description = "no product with this id")
    @GetMapping("/{id}")
    ResponseEntity<Product> get(@Parameter(description = "the product's id") @PathVariable UUID id,
                                @Parameter(description = TOKEN_DESCRIPTION) @RequestHeader(name = CONSISTENCY_TOKEN, required = false) String token,
                                @Parameter(description = "an ETag you hold (or *): 304 when it is current")
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

    @Operation(operationId = "createProduct", summary = "Add a product", security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = ApiDocs.ADMIN))
    @ApiResponse(responseCode = "201", description = "created", headers = {
            @Header(name = HttpHeaders.LOCATION, description = "the new product's path", schema = @Schema(type = "string", example = "/api/products/0b7e5a4e-3c1f-4f7e-9d43-2a1c5e6f7a81")),
            @Header(name = HttpHeaders.ETAG, description = "strong ETag of the new version", schema = @Schema(type = "string", example = "\"1\"")),
            @Header(name = CONSISTENCY_TOKEN, description = TOKEN_ANSWER_DESCRIPTION, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "409", description = "a product with this sku already exists")
    @PostMapping
    ResponseEntity<Product> create(@Valid @RequestBody ProductRequest request) {
        Written<Product> written = catalog.create(request.toDraft());
        return ResponseEntity.created(URI.create("/api/products/" + written.value().id()))
                .eTag(etag(written.value().version()))
                .header(CONSISTENCY_TOKEN, WalPosition.format(written.position()))
                .body(written.value());
    }

    @Operation(operationId = "updateProduct", summary = "Replace a product's fields",
            description = "Send If-Match with the ETag you read to be sure nobody changed the product since (412 if someone did).",
            security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = ApiDocs.ADMIN))
    @ApiResponse(responseCode = "200", description = "updated", headers = {
            @Header(name = HttpHeaders.ETAG, description = "strong ETag of the new version", schema = @Schema(type = "string", example = "\"4\"")),
            @Header(name = CONSISTENCY_TOKEN, description = TOKEN_ANSWER_DESCRIPTION, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = "no product with this id")
    @ApiResponse(responseCode = "409", description = "another product has this sku")
    @ApiResponse(responseCode = "412", description = "If-Match is not the current ETag: someone changed the product since you read it")
    @PutMapping("/{id}")
    ResponseEntity<Product> update(@Parameter(description = "the product's id") @PathVariable UUID id, @Valid @RequestBody ProductRequest request,
                                   @Parameter(description = "the ETag you read (\"3\") or *; omitted, the write is unconditional")
                                   @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Written<Product> written = catalog.update(id, request.toDraft(), expectedVersion(ifMatch));
        return ResponseEntity.ok()
                .eTag(etag(written.value().version()))
                .header(CONSISTENCY_TOKEN, WalPosition.format(written.position()))
                .body(written.value());
    }

    @Operation(operationId = "deleteProduct", summary = "Remove a product", security = @SecurityRequirement(name = ApiDocs.ACCESS, scopes = ApiDocs.ADMIN))
    @ApiResponse(responseCode = "204", description = "deleted", headers =
            @Header(name = CONSISTENCY_TOKEN, description = TOKEN_ANSWER_DESCRIPTION, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "no product with this id")
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@Parameter(description = "the product's id") @PathVariable UUID id) {
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
