package com.acme.platform.productservice.stock.domain;

import com.acme.platform.productservice.product.domain.ProductCatalog;
import com.acme.platform.productservice.product.domain.ProductRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.HashMap;
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
 * line fits, and only then decrement them all (one statement);</li>
 * <li>store the outcome with the order id.</li>
 * </ol>
 * Changed products are invalidated in the cache after the commit, like any write. A batch reserves each order in
 * its own transaction (so an order never waits on another's locks longer than its own reservation takes), then
 * invalidates every product the batch changed at once: one script and one wait for the instances' L1
 * acknowledgements per batch instead of one per product and order.
 */
@Service
public class StockReservations {

    /** One order's reservation request. */
    public record Request(UUID orderId, List<ReservationLine> lines) {
    }

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
        return reserveAll(List.of(new Request(orderId, lines))).getFirst();
    }

    /**
     * Reserves each order in turn (each all or nothing, each idempotent by its order id), then invalidates the cache
     * of every product whose stock changed, before answering: a read after the answer never sees the old stock.
     * If one order fails, the orders before it stay reserved and invalidated; a retry of the batch replays them.
     */
    public List<ReservationOutcome> reserveAll(List<Request> requests) {
        Map<UUID, Long> changed = new HashMap<>(); // product -> newest version written by this batch
        List<ReservationOutcome> outcomes = new ArrayList<>(requests.size());
        try {
            for (Request request : requests) {
                outcomes.add(reserveOne(request.orderId(), request.lines(), changed));
            }
        } finally {
            if (!changed.isEmpty()) {
                catalog.invalidateAfterCommit(changed);
            }
        }
        return outcomes;
    }

    private ReservationOutcome reserveOne(UUID orderId, List<ReservationLine> lines, Map<UUID, Long> changed) {
        Map<UUID, Long> written = new HashMap<>();
        ReservationOutcome outcome = transaction.execute(status -> {
            Optional<ReservationOutcome> earlier = reservations.claim(orderId);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Map<UUID, Integer> wanted = new TreeMap<>();
            lines.forEach(line -> wanted.merge(line.productId(), line.quantity(), Integer::sum));
            Map<UUID, Integer> stock = products.lockStock(wanted.keySet());
            String refusal = null;
            for (Map.Entry<UUID, Integer> line : wanted.entrySet()) {
                Integer available = stock.get(line.getKey());
                if (available == null) {
                    refusal = "unknown product " + line.getKey();
                    break;
                }
                if (available < line.getValue()) {
                    refusal = "insufficient stock for product " + line.getKey();
                    break;
                }
            }
            if (refusal == null) {
                written.putAll(products.takeStock(wanted));
            }
            ReservationOutcome result = new ReservationOutcome(orderId,
                    refusal == null ? ReservationOutcome.RESERVED : ReservationOutcome.REJECTED, refusal, false);
            reservations.store(result);
            return result;
        });
        // Only once committed: a rolled-back reservation changed nothing to invalidate.
        written.forEach((id, version) -> changed.merge(id, version, Math::max));
        return outcome;
    }
}
