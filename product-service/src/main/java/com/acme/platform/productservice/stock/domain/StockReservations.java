package com.acme.platform.productservice.stock.domain;

import com.acme.platform.productservice.product.domain.Product;
import com.acme.platform.productservice.product.domain.ProductCatalog;
import com.acme.platform.productservice.product.domain.ProductRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * All-or-nothing, idempotent stock reservation for an order, in one transaction on the primary:
 * <ol>
 * <li>claim the order id ({@code INSERT ... ON CONFLICT DO NOTHING}): a concurrent repeat blocks on the unique
 * index until this transaction ends, then finds the stored outcome and changes nothing;</li>
 * <li>lock the products in id order ({@code FOR UPDATE}, a fixed order so two orders cannot deadlock), check every
 * line fits, and only then decrement them all;</li>
 * <li>store the outcome with the order id.</li>
 * </ol>
 * Changed products are invalidated in the cache after the commit, like any write.
 */
@Service
public class StockReservations {

    private final StockReservationRepository reservations;
    private final ProductRepository products;
    private final TransactionTemplate transaction;
    private final ProductCatalog catalog;

    StockReservations(StockReservationRepository reservations, ProductRepository products,
                      PlatformTransactionManager transactions, ProductCatalog catalog) {
        this.reservations = reservations;
        this.products = products;
        this.transaction = new TransactionTemplate(transactions);
        this.catalog = catalog;
    }

    public ReservationOutcome reserve(UUID orderId, List<ReservationLine> lines) {
        List<Product> changed = new ArrayList<>();
        ReservationOutcome outcome = transaction.execute(status -> {
            Optional<ReservationOutcome> earlier = reservations.claim(orderId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Map<UUID, Integer> wanted = new TreeMap<>();
            lines.forEach(line -> wanted.merge(line.productId(), line.quantity(), Integer::sum));
            Map<UUID, Integer> stock = products.lockStock(wanted.keySet());
            String refusal = refusal(wanted, stock);
            if (refusal == null) {
                wanted.forEach((productId, quantity) -> changed.add(products.takeStock(productId, quantity)));
            }
            ReservationOutcome result = new ReservationOutcome(orderId,
                    refusal == null ? ReservationOutcome.RESERVED : ReservationOutcome.REJECTED, refusal, false);
            reservations.store(result);
            return result;
        });
        if (!changed.isEmpty()) {
            catalog.invalidateAfterCommit(changed);
        }
        return outcome;
    }

    /** Why the order cannot be served in full, or null when every line fits. */
    private static String refusal(Map<UUID, Integer> wanted, Map<UUID, Integer> stock) {
        for (Map.Entry<UUID, Integer> line : wanted.entrySet()) {
            Integer available = stock.get(line.getKey());
            if (available == null) {
                return "unknown product " + line.getKey();
            }
            if (available < line.getValue()) {
                return "insufficient stock for product " + line.getKey();
            }
        }
        return null;
    }
}
