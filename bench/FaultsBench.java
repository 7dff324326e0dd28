// Orders under faults, for bench/faults.sh: a steady order load through the gateway while processes are killed,
// restarted and frozen one at a time (with ./local.sh kill|stop|start|freeze|resume), then checks from the databases
// and the APIs that no order answered 201 was lost and no effect was applied twice. Helpers in BenchSupport.java.
// Run: java -cp postgresql.jar bench/FaultsBench.java <gatewayUrl> <pgPort> <redisPort> <clientKey> <adminKey>
//          <ordersPerSecond> <durationSeconds> <settleSeconds> <faults: comma-separated names, see FAULTS>
// Exit status 0 when every check passed, 1 otherwise.
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FaultsBench {

    /** A fault: the ./local.sh commands that break something, how long it stays broken, the commands that heal it. */
    record Fault(String name, List<String> inject, Duration hold, List<String> heal, boolean restartsRedis) {
    }

    static final Map<String, Fault> FAULTS = new LinkedHashMap<>();

    static {
        for (String service : List.of("worker-service", "order-service", "product-service-1")) {
            FAULTS.put(service, new Fault("kill -9 " + service + ", start", List.of("kill " + service), Duration.ofSeconds(2),
                    List.of("start " + service), false));
        }
        FAULTS.put("kafka", new Fault("kill -9 kafka broker, start", List.of("kill kafka"), Duration.ofSeconds(2),
                List.of("start kafka"), false));
        FAULTS.put("redis-restart", new Fault("restart redis (SIGTERM, start)", List.of("stop redis"), Duration.ofSeconds(2),
                List.of("start redis"), true));
        FAULTS.put("standby-freeze", new Fault("freeze postgres-standby 10 s, resume", List.of("freeze postgres-standby"),
                Duration.ofSeconds(10), List.of("resume postgres-standby"), false));
        FAULTS.put("redis-freeze", new Fault("freeze redis 10 s, resume", List.of("freeze redis"), Duration.ofSeconds(10),
                List.of("resume redis"), false));
    }

    static final int PRODUCTS_PER_PHASE = 3;
    static final int INITIAL_STOCK = 1_000_000;

    /** One POST: the phase it was sent in, when, and what came back. */
    record Sent(int phase, long sentMillis, long doneMillis, int status, boolean retryAfter, String outcome, String orderId) {
    }

    /** What happened during one fault: injection, back (heal command returned), recovered (everything flowing again). */
    static final class Phase {
        final String name;
        final List<String> products = new ArrayList<>();
        long injectedMillis;
        long backMillis;
        long recoveredMillis;
        String note = "";

        Phase(String name) {
            this.name = name;
        }
    }

    public static void main(String[] args) throws Exception {
        String gateway = args[0];
        int pgPort = Integer.parseInt(args[1]);
        int redisPort = Integer.parseInt(args[2]);
        String clientKey = args[3];
        String adminKey = args[4];
        double rate = Double.parseDouble(args[5]);
        int durationSeconds = Integer.parseInt(args[6]);
        int settleSeconds = Integer.parseInt(args[7]);
        List<Fault> faults = new ArrayList<>();
        for (String name : args[8].split(",")) {
            Fault fault = FAULTS.get(name.trim());
            if (fault == null) {
                throw new IllegalArgumentException("unknown fault '" + name + "'; one of " + FAULTS.keySet());
            }
            faults.add(fault);
        }
        String run = UUID.randomUUID().toString().substring(0, 8);

        // Each phase (before the first fault, then each fault until the next one) orders its own products under its
        // own customer ids, so stock and analytics totals can be checked per fault.
        List<Phase> phases = new ArrayList<>();
        phases.add(new Phase("none (steady load)"));
        faults.forEach(f -> phases.add(new Phase(f.name())));
        for (int p = 0; p < phases.size(); p++) {
            for (int i = 0; i < PRODUCTS_PER_PHASE; i++) {
                phases.get(p).products.add(BenchSupport.createProduct(gateway, adminKey, "FAULTS-" + run + "-" + p + "-" + i, 100L * (i + 1), INITIAL_STOCK));
            }
        }
        System.err.printf("run %s: %.0f orders/s for at least %d s, faults %s%n", run, rate, durationSeconds, args[8]);

        List<Sent> sent = new CopyOnWriteArrayList<>();
        AtomicInteger currentPhase = new AtomicInteger();
        AtomicInteger sequence = new AtomicInteger();
        ExecutorService posts = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long start = System.currentTimeMillis();
        ticker.scheduleAtFixedRate(() -> posts.submit(() -> {
            int phase = currentPhase.get();
            long t0 = System.currentTimeMillis();
            BenchSupport.Reply reply = BenchSupport.postOrder(gateway, clientKey,
                    "faults-" + run + "-" + phase + "-" + (sequence.incrementAndGet() % 100),
                    BenchSupport.randomLines(phases.get(phase).products), Duration.ofSeconds(20));
            boolean retryAfter = reply.response() != null && reply.response().headers().firstValue("Retry-After").isPresent();
            sent.add(new Sent(phase, t0, System.currentTimeMillis(), reply.status(), retryAfter, reply.outcome(), reply.orderId()));
        }), 0, Math.round(1_000_000 / rate), TimeUnit.MICROSECONDS);

        // Faults spread over the duration, one at a time: each waits for the previous one's recovery.
        long slot = durationSeconds * 1000L / (faults.size() + 1);
        try (Connection workers = BenchSupport.database(pgPort, "workers")) {
            for (int f = 0; f < faults.size(); f++) {
                Fault fault = faults.get(f);
                Phase phase = phases.get(f + 1);
                sleepUntil(start + slot * (f + 1));
                currentPhase.set(f + 1);
                phase.injectedMillis = System.currentTimeMillis();
                System.err.printf("%5.1f s  %s%n", (phase.injectedMillis - start) / 1000.0, fault.name());
                fault.inject().forEach(FaultsBench::localSh);
                Thread.sleep(fault.hold().toMillis());
                fault.heal().forEach(FaultsBench::localSh);
                phase.backMillis = System.currentTimeMillis();
                phase.recoveredMillis = awaitRecovery(workers, sent, f + 1, phase.backMillis);
                System.err.printf("%5.1f s  back after %.1f s, recovered after %.1f s%n", (System.currentTimeMillis() - start) / 1000.0,
                        (phase.backMillis - phase.injectedMillis) / 1000.0, (phase.recoveredMillis - phase.injectedMillis) / 1000.0);
            }
        }
        sleepUntil(Math.max(start + durationSeconds * 1000L, System.currentTimeMillis() + 10_000));
        ticker.shutdown();
        ticker.awaitTermination(10, TimeUnit.SECONDS);
        posts.shutdown();
        posts.awaitTermination(60, TimeUnit.SECONDS);
        long loadMillis = System.currentTimeMillis() - start;

        Verdict verdict = verify(gateway, pgPort, redisPort, run, phases, faults, sent, settleSeconds);
        print(phases, sent, verdict, rate, loadMillis);
        System.exit(verdict.clean() ? 0 : 1);
    }

    /**
     * The fault is over when the processes are back (the heal command returned), no request of the phase failed in the
     * last 3 s, and both PostgreSQL-backed consumer groups processed an event after the heal (the pipeline flows).
     */
    static long awaitRecovery(Connection workers, List<Sent> sent, int phase, long back) throws Exception {
        long deadline = back + 120_000;
        while (System.currentTimeMillis() < deadline) {
            long now = System.currentTimeMillis();
            long lastFailure = sent.stream().filter(s -> s.phase() == phase && s.status() != 201)
                    .mapToLong(Sent::doneMillis).max().orElse(0);
            long processing = BenchSupport.count(workers, """
                    SELECT count(*) FROM (SELECT consumer_group FROM processed_event
                      WHERE consumer_group IN ('fulfillment', 'notifications') GROUP BY consumer_group
                      HAVING max(processed_at) > to_timestamp(%d / 1000.0)) g""".formatted(back));
            if (processing == 2 && now - lastFailure > 3000 && now - back > 3000) {
                long lastSuccessBefore = Math.max(back, lastFailure);
                return Math.max(lastSuccessBefore, firstProcessedAfter(workers, back));
            }
            Thread.sleep(250);
        }
        return deadline;
    }

    static long firstProcessedAfter(Connection workers, long back) throws Exception {
        return BenchSupport.count(workers, """
                SELECT (extract(epoch FROM max(t)) * 1000)::bigint FROM (SELECT min(processed_at) t FROM processed_event
                  WHERE consumer_group IN ('fulfillment', 'notifications') AND processed_at > to_timestamp(%d / 1000.0)
                  GROUP BY consumer_group) g""".formatted(back));
    }

    /** Per phase: orders lost, effects duplicated and their details, from the databases, Redis and the analytics API. */
    record PhaseResult(int answered201, int createdWithout201, int lost, int duplicated, int confirmed, int rejected,
                       int stillPending, int analyticsReset, List<String> details) {
    }

    record Verdict(List<PhaseResult> phases, int bad5xx, long settleMillis) {
        boolean clean() {
            return bad5xx == 0 && phases.stream().allMatch(p -> p.lost() == 0 && p.duplicated() == 0);
        }
    }

    static Verdict verify(String gateway, int pgPort, int redisPort, String run, List<Phase> phases, List<Fault> faults,
                          List<Sent> sent, int settleSeconds) throws Exception {
        String like = "'faults-" + run + "-%'";
        long settleStart = System.currentTimeMillis();
        long deadline = settleStart + settleSeconds * 1000L;
        try (Connection orders = BenchSupport.database(pgPort, "orders");
             Connection workers = BenchSupport.database(pgPort, "workers");
             Connection products = BenchSupport.database(pgPort, "products")) {
            // Settle: until every order of the run is final and notified, or the deadline.
            while (System.currentTimeMillis() < deadline) {
                long total = BenchSupport.count(orders, "SELECT count(*) FROM orders WHERE customer_id LIKE " + like);
                long pending = BenchSupport.count(orders, "SELECT count(*) FROM orders WHERE status = 'PENDING' AND customer_id LIKE " + like);
                long notified = BenchSupport.count(workers, "SELECT count(DISTINCT order_id) FROM notification WHERE customer_id LIKE " + like);
                if (pending == 0 && notified == total) {
                    break;
                }
                System.err.printf("settling: %d orders, %d pending, %d notified%n", total, pending, notified);
                Thread.sleep(5000);
            }
            long settleMillis = System.currentTimeMillis() - settleStart;

            // Every order of the run the database holds (also those whose 201 never reached the client).
            record OrderRow(String id, String customer, String status, Map<String, Integer> lines) {
            }
            Map<String, OrderRow> byId = new HashMap<>();
            BenchSupport.query(orders, "SELECT o.id, o.customer_id, o.status, i.product_id, i.quantity FROM orders o JOIN order_item i ON i.order_id = o.id WHERE o.customer_id LIKE " + like,
                    rs -> {
                        String id = rs.getString(1), customer = rs.getString(2), status = rs.getString(3);
                        byId.computeIfAbsent(id, k -> new OrderRow(id, customer, status, new HashMap<>())).lines().put(rs.getString(4), rs.getInt(5));
                    });
            Map<String, String> eventOf = new HashMap<>();
            List<String> ids = new ArrayList<>(byId.keySet());
            BenchSupport.query(orders, "SELECT event_key, payload::jsonb->>'eventId' FROM outbox WHERE topic = 'orders' AND event_key IN (" + BenchSupport.in(ids) + ")",
                    rs -> eventOf.put(rs.getString(1), rs.getString(2)));
            Map<String, Integer> notifications = new HashMap<>();
            BenchSupport.query(workers, "SELECT order_id, count(*) FROM notification WHERE customer_id LIKE " + like + " GROUP BY order_id",
                    rs -> notifications.put(rs.getString(1), rs.getInt(2)));
            Set<String> fulfilled = new HashSet<>();
            BenchSupport.query(workers, "SELECT event_id FROM processed_event WHERE consumer_group = 'fulfillment' AND event_id IN ("
                    + BenchSupport.in(new ArrayList<>(eventOf.values())) + ")", rs -> fulfilled.add(rs.getString(1)));
            Map<String, String> reservations = new HashMap<>();
            BenchSupport.query(products, "SELECT order_id, status FROM stock_reservation WHERE order_id IN (" + BenchSupport.in(ids) + ")",
                    rs -> reservations.put(rs.getString(1), rs.getString(2)));
            Map<String, Integer> stock = new HashMap<>();
            List<String> allProducts = phases.stream().flatMap(p -> p.products.stream()).toList();
            BenchSupport.query(products, "SELECT id, stock FROM product WHERE id IN (" + BenchSupport.in(allProducts) + ")",
                    rs -> stock.put(rs.getString(1), rs.getInt(2)));
            Map<String, String> markers = BenchSupport.redisGet(redisPort,
                    eventOf.values().stream().map(e -> "{analytics}:processed:" + e).toList());
            Map<String, Long> analyticsUnits = analyticsUnits(gateway);
            Map<String, List<String>> deadLettered = new HashMap<>();
            BenchSupport.query(workers, "SELECT record_key, consumer_group FROM dlq_entry WHERE record_key IN (" + BenchSupport.in(ids) + ")",
                    rs -> deadLettered.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));

            // Analytics lives in Redis, which is not persisted: a Redis restart empties it. Orders placed before the last
            // restart's end may have been counted before it and lost with it; the check below is exact for the others.
            long lastRedisRestart = 0;
            for (int f = 0; f < faults.size(); f++) {
                if (faults.get(f).restartsRedis()) {
                    lastRedisRestart = phases.get(f + 1).backMillis;
                }
            }
            Map<String, Long> placedAt = new HashMap<>();
            for (Sent s : sent) {
                if (s.orderId() != null) {
                    placedAt.put(s.orderId(), s.sentMillis());
                }
            }

            List<PhaseResult> results = new ArrayList<>();
            int bad5xx = 0;
            for (int p = 0; p < phases.size(); p++) {
                int phase = p;
                Phase ph = phases.get(p);
                List<String> details = new ArrayList<>();
                List<Sent> mine = sent.stream().filter(s -> s.phase() == phase).toList();
                Set<String> answered = new HashSet<>();
                mine.stream().filter(s -> s.orderId() != null).forEach(s -> answered.add(s.orderId()));
                for (Sent s : mine) {
                    if (s.status() >= 500 && !(s.status() == 503 && s.retryAfter())) {
                        bad5xx++;
                    }
                }
                List<OrderRow> rows = byId.values().stream().filter(o -> o.customer().startsWith("faults-" + run + "-" + phase + "-")).toList();
                int lost = 0, duplicated = 0, confirmed = 0, rejected = 0, pending = 0, analyticsReset = 0;
                for (String id : answered) {
                    if (!byId.containsKey(id)) {
                        lost++;
                        details.add("order " + id + " answered 201 but not in the database");
                    }
                }
                Map<String, Long> expectedDecrement = new HashMap<>();
                Map<String, Long> expectedAnalytics = new HashMap<>();
                for (OrderRow o : rows) {
                    String event = eventOf.get(o.id());
                    boolean problem = false;
                    switch (o.status()) {
                        case "CONFIRMED" -> confirmed++;
                        case "REJECTED" -> rejected++;
                        default -> { pending++; problem = true; details.add("order " + o.id() + " still " + o.status()); }
                    }
                    String reservation = reservations.get(o.id());
                    if (!o.status().equals("PENDING") && !(o.status().equals("CONFIRMED") ? "RESERVED" : "REJECTED").equals(reservation)) {
                        problem = true;
                        details.add("order " + o.id() + " " + o.status() + " but stock reservation " + reservation);
                    }
                    int n = notifications.getOrDefault(o.id(), 0);
                    if (n == 0) {
                        problem = true;
                        details.add("order " + o.id() + " has no notification");
                    } else if (n > 1) {
                        duplicated += n - 1;
                        details.add("order " + o.id() + " has " + n + " notifications");
                    }
                    if (event == null || !fulfilled.contains(event)) {
                        problem = true;
                        details.add("order " + o.id() + " not processed by fulfillment");
                    }
                    if (o.status().equals("CONFIRMED")) {
                        o.lines().forEach((product, qty) -> expectedDecrement.merge(product, (long) qty, Long::sum));
                    }
                    for (String group : deadLettered.getOrDefault(o.id(), List.of())) {
                        problem = true;
                        details.add("order " + o.id() + " dead-lettered by " + group);
                    }
                    if (event != null && markers.containsKey("{analytics}:processed:" + event)) {
                        o.lines().forEach((product, qty) -> expectedAnalytics.merge(product, (long) qty, Long::sum));
                    } else if (lastRedisRestart > 0 && placedAt.getOrDefault(o.id(), 0L) < lastRedisRestart
                            && !deadLettered.getOrDefault(o.id(), List.of()).contains("analytics")) {
                        analyticsReset++;
                    } else {
                        problem = true;
                        details.add("order " + o.id() + " not counted by analytics");
                    }
                    if (problem && answered.contains(o.id())) {
                        lost++;
                    }
                }
                int createdWithout201 = (int) rows.stream().filter(o -> !answered.contains(o.id())).count();
                // Aggregates per product: stock decremented exactly once per CONFIRMED order, analytics counted once per event.
                for (String product : ph.products) {
                    long decremented = INITIAL_STOCK - stock.getOrDefault(product, INITIAL_STOCK);
                    long expected = expectedDecrement.getOrDefault(product, 0L);
                    if (decremented > expected) {
                        duplicated += (int) (decremented - expected);
                        details.add("product " + product + " stock decremented by " + decremented + ", CONFIRMED orders hold " + expected);
                    } else if (decremented < expected) {
                        lost++;
                        details.add("product " + product + " stock decremented by " + decremented + ", CONFIRMED orders hold " + expected);
                    }
                    long counted = analyticsUnits.getOrDefault(product, 0L);
                    long expectedUnits = expectedAnalytics.getOrDefault(product, 0L);
                    if (counted > expectedUnits) {
                        duplicated += (int) (counted - expectedUnits);
                        details.add("product " + product + " analytics units " + counted + ", events counted hold " + expectedUnits);
                    } else if (counted < expectedUnits) {
                        lost++;
                        details.add("product " + product + " analytics units " + counted + ", events counted hold " + expectedUnits);
                    }
                }
                results.add(new PhaseResult(answered.size(), createdWithout201, lost, duplicated, confirmed, rejected, pending,
                        analyticsReset, details));
            }
            return new Verdict(results, bad5xx, settleMillis);
        }
    }

    /** Units sold per product, from the public analytics API through the gateway. */
    static Map<String, Long> analyticsUnits(String gateway) throws Exception {
        Map<String, Long> units = new HashMap<>();
        Matcher m = Pattern.compile("\"productId\"\\s*:\\s*\"([0-9a-f-]{36})\"\\s*,\\s*\"unitsSold\"\\s*:\\s*(\\d+)")
                .matcher(BenchSupport.get(gateway + "/api/analytics/top-products?limit=1000"));
        while (m.find()) {
            units.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return units;
    }

    static void print(List<Phase> phases, List<Sent> sent, Verdict verdict, double rate, long loadMillis) {
        System.out.printf("Load: %d POSTs at %.0f orders/s over %.0f s; settle (until every order is final and notified): %.0f s%n%n",
                sent.size(), rate, loadMillis / 1000.0, verdict.settleMillis() / 1000.0);
        System.out.println("| fault | requests | requests failed (outcomes) | recovery time | orders lost | effects duplicated | 201 / CONFIRMED / REJECTED / not final | created without a 201 | analytics emptied by a Redis restart |");
        System.out.println("|---|---:|---|---:|---:|---:|---|---:|---:|");
        int totalLost = 0, totalDuplicated = 0;
        for (int p = 0; p < phases.size(); p++) {
            int phase = p;
            Phase ph = phases.get(p);
            PhaseResult r = verdict.phases().get(p);
            List<Sent> mine = sent.stream().filter(s -> s.phase() == phase).toList();
            Map<String, Integer> failed = new TreeMap<>();
            mine.stream().filter(s -> s.status() != 201)
                    .forEach(s -> failed.merge(s.outcome() + (s.status() == 503 && s.retryAfter() ? "+Retry-After" : ""), 1, Integer::sum));
            int failedCount = failed.values().stream().mapToInt(Integer::intValue).sum();
            String recovery = p == 0 ? "-" : String.format("%.1f s (back %.1f s)", (ph.recoveredMillis - ph.injectedMillis) / 1000.0,
                    (ph.backMillis - ph.injectedMillis) / 1000.0);
            System.out.printf("| %s | %d | %d%s | %s | %d | %d | %d / %d / %d / %d | %d | %d |%n", ph.name, mine.size(), failedCount,
                    failed.isEmpty() ? "" : " " + failed, recovery, r.lost(), r.duplicated(), r.answered201(), r.confirmed(), r.rejected(),
                    r.stillPending(), r.createdWithout201(), r.analyticsReset());
            totalLost += r.lost();
            totalDuplicated += r.duplicated();
        }
        System.out.println();
        System.out.printf("Orders lost: %d. Effects duplicated: %d. 5xx other than 503 with Retry-After: %d.%n", totalLost, totalDuplicated, verdict.bad5xx());
        for (int p = 0; p < phases.size(); p++) {
            List<String> details = verdict.phases().get(p).details();
            if (!details.isEmpty()) {
                System.out.println();
                System.out.println("Findings during '" + phases.get(p).name + "' (first 20 of " + details.size() + "):");
                details.stream().limit(20).forEach(d -> System.out.println("- " + d));
            }
        }
    }

    static void localSh(String command) {
        try {
            List<String> argv = new ArrayList<>(List.of("./local.sh"));
            argv.addAll(List.of(command.split(" ")));
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("./local.sh " + command + " failed: " + output);
            }
            System.err.println("         ./local.sh " + command + ": " + output.replace('\n', ' '));
        } catch (IOException e) {
            throw new IllegalStateException("./local.sh " + command + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static void sleepUntil(long millis) throws InterruptedException {
        long wait = millis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
