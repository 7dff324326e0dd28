package com.acme.platform.productservice.product.domain;

import com.acme.platform.cache.CacheRead;
import com.acme.platform.cache.Loaded;
import com.acme.platform.cache.StampedeProtectedCache;
import com.acme.platform.productservice.replica.ReadRouter;
import com.acme.platform.support.PageCursor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The catalog's use cases; the web layer talks to this, never to the repository. Single-product reads go through
 * the stampede-protected cache; writes commit on the primary, then invalidate (never update) the cached entry
 * with the new version and the commit's WAL position.
 */
@Service
public class ProductCatalog {

    private final ProductRepository repository;
    private final StampedeProtectedCache<Product> cache;
    private final ReadRouter reads;
    private final TransactionTemplate writes;

    public ProductCatalog(ProductRepository repository, StampedeProtectedCache<Product> cache, ReadRouter reads,
                          PlatformTransactionManager transactions) {
        this.repository = repository;
        this.cache = cache;
        this.reads = reads;
        this.writes = new TransactionTemplate(transactions);
    }

    /** @param token the client's consistency token (0 for none): the answer reflects at least that write */
    public ProductRead get(UUID id, long token) {
        CacheRead<Product> read = cache.get(id.toString(), token, minPosition -> load(id, minPosition));
        return new ProductRead(read.value().orElseThrow(() -> new ProductNotFoundException(id, read.outcome())), read.outcome());
    }

    /** The cache's loader: the standby if it has replayed {@code minPosition}, else the primary. */
    private Loaded<Product> load(UUID id, long minPosition) {
        return reads.read(minPosition, at -> new Loaded<>(repository.findById(id).orElse(null), at.position()));
    }

    /** @param cursor the nextCursor of the previous page, or null for the first */
    public PageCursor.Page<Product> list(String cursor, int limit, long token) {
        var after = PageCursor.decode(cursor);
        // One row more than asked tells whether another page exists without a COUNT.
        List<Product> rows = reads.read(token, at -> repository.findPageAfter(after, limit + 1));
        return PageCursor.page(rows, limit, Product::id);
    }

    /** Order-time lookups: from the primary, never stale by the replication lag. */
    public List<Product> findCurrent(Collection<UUID> ids) {
        return reads.onPrimary(at -> repository.findAllById(ids));
    }

    public Written<Product> create(ProductDraft draft) {
        Product created = writes.execute(status -> repository.insert(UUID.randomUUID(), draft));
        // Replaces a cached "not found" for this id, if anyone asked for it before it existed.
        return afterCommit(created.id(), created.version(), false, created);
    }

    public Written<Product> update(UUID id, ProductDraft draft, Long expectedVersion) {
        Product updated = writes.execute(status -> repository.update(id, draft, expectedVersion).orElseThrow(() -> {
            long current = repository.currentVersion(id).orElseThrow(() -> new ProductNotFoundException(id));
            return new VersionMismatchException(id, expectedVersion, current);
        }));
        return afterCommit(id, updated.version(), false, updated);
    }

    public Written<UUID> delete(UUID id) {
        long version = writes.execute(status -> repository.delete(id).orElseThrow(() -> new ProductNotFoundException(id)));
        return afterCommit(id, version + 1, true, id);
    }

    /**
     * Called after one or more commits that changed these products (e.g. a batch of stock reservations), with each
     * product's newest version: one WAL position read and one cache invalidation for all of them.
     */
    public long invalidateAfterCommit(Map<UUID, Long> versions) {
        long position = repository.currentWalPosition();
        cache.invalidateAll(versions.entrySet().stream()
                .map(e -> new StampedeProtectedCache.Write(e.getKey().toString(), e.getValue(), false)).toList(), position);
        return position;
    }

    private <T> Written<T> afterCommit(UUID id, long version, boolean deleted, T value) {
        // Read after the commit: a position read inside the transaction would come before its commit record.
        long position = repository.currentWalPosition();
        cache.invalidate(id.toString(), version, position, deleted);
        return new Written<>(value, position);
    }
}
