// Load generator and probe for bench/orders.sh: POSTs orders, then waits until every order's event was processed
// by fulfillment, notifications and analytics, and prints the figures as Markdown.
// Helpers in BenchSupport.java. Run: java -cp postgresql.jar bench/OrdersBench.java <gatewayUrl> <orderServiceUrl> <pgPort> <redisPort> <orders>
//          <concurrency> <productIds> <apiKey>
// Orders go through the gateway (<gatewayUrl>/api/orders with X-API-Key); the outbox backlog is sampled on
// order-service's own port (<orderServiceUrl>/actuator/prometheus), which the gateway never routes.
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class OrdersBench {

    static String apiKey;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String orderService = args[1];
        int pgPort = Integer.parseInt(args[2]);
        int redisPort = Integer.parseInt(args[3]);
        int total = Integer.parseInt(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        String[] products = args[6].split(",");
        apiKey = args[7];

        post(base, products, 50, concurrency, new CopyOnWriteArrayList<>(), new ConcurrentHashMap<>()); // warm-up
        List<Long> postMicros = new CopyOnWriteArrayList<>();
        Map<String, Integer> statuses = new ConcurrentHashMap<>();
        List<Long> backlog = Collections.synchronizedList(new ArrayList<>());
        var sampling = Thread.ofPlatform().daemon().start(() -> sampleBacklog(orderService, backlog));
        long startMillis = System.currentTimeMillis();
        List<String> orderIds = post(base, products, total, concurrency, postMicros, statuses);
        long postsDoneMillis = System.currentTimeMillis();

        try (Connection orders = BenchSupport.database(pgPort, "orders"); Connection workers = BenchSupport.database(pgPort, "workers")) {
            String inOrders = BenchSupport.in(orderIds);
            Map<String, Long> createdAt = new HashMap<>();   // orderId -> commit time (ms)
            Map<String, String> eventOf = new HashMap<>();   // eventId -> orderId
            BenchSupport.query(orders, "SELECT id, (extract(epoch from created_at) * 1000)::bigint FROM orders WHERE id IN (" + inOrders + ")",
                    rs -> createdAt.put(rs.getString(1), rs.getLong(2)));
            BenchSupport.query(orders, "SELECT payload::jsonb->>'eventId', event_key FROM outbox WHERE event_key IN (" + inOrders + ")",
                    rs -> eventOf.put(rs.getString(1), rs.getString(2)));
            String inEvents = BenchSupport.in(new ArrayList<>(eventOf.keySet()));
            Map<String, List<Long>> delivery = new HashMap<>();
            long deadline = System.currentTimeMillis() + 600_000;
            long lastDone = 0;
            while (true) {
                delivery.clear();
                long[] last = {0};
                for (String group : List.of("fulfillment", "notifications")) {
                    List<Long> lat = new ArrayList<>();
                    BenchSupport.query(workers, "SELECT event_id, (extract(epoch from processed_at) * 1000)::bigint FROM processed_event WHERE consumer_group = '"
                            + group + "' AND event_id IN (" + inEvents + ")", rs -> {
                        lat.add(rs.getLong(2) - createdAt.get(eventOf.get(rs.getString(1))));
                        last[0] = Math.max(last[0], rs.getLong(2));
                    });
                    delivery.put(group, lat);
                }
                List<Long> analytics = new ArrayList<>();
                Map<String, String> markers = BenchSupport.redisGet(redisPort, eventOf.keySet().stream().map(e -> "{analytics}:processed:" + e).toList());
                markers.forEach((key, value) -> {
                    String eventId = key.substring(key.lastIndexOf(':') + 1);
                    long at = Long.parseLong(value);
                    analytics.add(at - createdAt.get(eventOf.get(eventId)));
                    last[0] = Math.max(last[0], at);
                });
                delivery.put("analytics", analytics);
                boolean done = delivery.values().stream().allMatch(l -> l.size() == orderIds.size());
                lastDone = last[0];
                if (done || System.currentTimeMillis() > deadline) {
                    break;
                }
                Thread.sleep(500);
            }
            long confirmed = BenchSupport.count(orders, "SELECT count(*) FROM orders WHERE status = 'CONFIRMED' AND id IN (" + inOrders + ")");
            sampling.interrupt();

            double seconds = (lastDone - startMillis) / 1000.0;
            System.out.println("| figure | value |");
            System.out.println("|---|---:|");
            System.out.printf("| orders POSTed (concurrency %d) | %d (statuses %s) |%n", concurrency, orderIds.size(), statuses);
            System.out.printf("| POST phase | %.1f s, %.0f orders/s |%n", (postsDoneMillis - startMillis) / 1000.0, orderIds.size() / ((postsDoneMillis - startMillis) / 1000.0));
            System.out.printf("| **end to end** (first POST -> last event processed by all 3 groups) | **%.1f s, %.0f orders/s** |%n", seconds, orderIds.size() / seconds);
            System.out.printf("| POST latency p50 / p99 / max | %s / %s / %s ms |%n", BenchSupport.pct(postMicros, 50, 1000.0), BenchSupport.pct(postMicros, 99, 1000.0), BenchSupport.pct(postMicros, 100, 1000.0));
            for (String group : List.of("fulfillment", "notifications", "analytics")) {
                List<Long> lat = delivery.get(group);
                System.out.printf("| delivery commit -> processed, %s (%d/%d) p50 / p99 / max | %s / %s / %s ms |%n", group, lat.size(), orderIds.size(),
                        BenchSupport.pct(lat, 50, 1), BenchSupport.pct(lat, 99, 1), BenchSupport.pct(lat, 100, 1));
            }
            System.out.printf("| orders CONFIRMED (via order-status -> order-service) | %d/%d |%n", confirmed, orderIds.size());
            synchronized (backlog) {
                System.out.printf("| outbox_backlog during the run: max / mean (samples every 250 ms) | %d / %.1f |%n",
                        backlog.stream().mapToLong(Long::longValue).max().orElse(0),
                        backlog.stream().mapToLong(Long::longValue).average().orElse(0));
            }
        }
    }

    static List<String> post(String base, String[] products, int n, int concurrency, List<Long> micros, Map<String, Integer> statuses) throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                pool.submit(() -> {
                    while (next.getAndIncrement() < n) {
                        BenchSupport.Reply reply = BenchSupport.postOrder(base, apiKey, "bench-" + ThreadLocalRandom.current().nextInt(1000),
                                BenchSupport.randomLines(List.of(products)), Duration.ofSeconds(30));
                        if (reply.status() > 0) {
                            micros.add(reply.micros());
                        }
                        statuses.merge(reply.outcome(), 1, Integer::sum);
                        if (reply.orderId() != null) {
                            ids.add(reply.orderId());
                        }
                    }
                    return null;
                });
            }
        }
        return ids;
    }

    static void sampleBacklog(String base, List<Long> samples) {
        Pattern gauge = Pattern.compile("(?m)^outbox_backlog\\{[^}]*} ([0-9.E]+)");
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String body = BenchSupport.get(base + "/actuator/prometheus");
                Matcher m = gauge.matcher(body);
                if (m.find()) {
                    samples.add((long) Double.parseDouble(m.group(1)));
                }
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // keep sampling
            }
        }
    }
}
