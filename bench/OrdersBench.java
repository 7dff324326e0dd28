// Load generator and probe for bench/orders.sh: POSTs orders, then waits until every order's event was processed
// by fulfillment, notifications and analytics, and prints the figures as Markdown.
// Helpers in BenchSupport.java. Run: java -cp postgresql.jar bench/OrdersBench.java <gatewayUrl> <orderServiceUrl> <pgPort> <redisPort> <orders>
//          <concurrency> <productIds> <apiKey> <warmupOrders> <rate per s, 0 = closed loop> <name=pid[:tree],...>
// Orders go through the gateway (<gatewayUrl>/api/orders with X-API-Key); the outbox backlog is sampled on
// order-service's own port (<orderServiceUrl>/actuator/metrics/outbox_backlog), which the gateway never routes.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class OrdersBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
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
        int warmup = Integer.parseInt(args[8]);
        double rate = Double.parseDouble(args[9]);
        List<Cpu.Process> processes = Cpu.parse(args[10]);

        try (Connection orders = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/orders", "postgres", "postgres");
             Connection workers = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/workers", "postgres", "postgres")) {
            // Warm-up: the same orders at the same concurrency and rate, until every JVM on the path has compiled its hot
            // code, and drained (every group done, every order out of PENDING) so the measured phase starts from rest.
            long warmupStart = dbNow(orders);
            List<String> warm = post(base, products, warmup, concurrency, rate, new CopyOnWriteArrayList<>(), new ConcurrentHashMap<>());
            awaitDrained(orders, workers, redisPort, products, warmupStart, warm.size(), -1, System.currentTimeMillis() + 600_000);
            double unitsBefore = unitsSold(redisPort, products);

            List<Long> postMicros = new CopyOnWriteArrayList<>();
            Map<String, Integer> statuses = new ConcurrentHashMap<>();
            List<Long> backlog = Collections.synchronizedList(new ArrayList<>());
            var sampling = Thread.ofPlatform().daemon().start(() -> sampleBacklog(orderService, backlog));
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
            long phaseStart = dbNow(orders);
            Map<String, Long> cpuBefore = Cpu.ticks(processes);
            long startMillis = System.currentTimeMillis();
            List<String> orderIds = post(base, products, total, concurrency, rate, postMicros, statuses);
            long postsDoneMillis = System.currentTimeMillis();
            long doneMillis = awaitDrained(orders, workers, redisPort, products, phaseStart, orderIds.size(), unitsBefore,
                    System.currentTimeMillis() + 600_000);
            Map<String, Long> cpuAfter = Cpu.ticks(processes);
            String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
            sampling.interrupt();

            // The per-order latencies are read only now, after the CPU was counted: these queries are the benchmark's own work.
            String inOrders = BenchSupport.in(orderIds);
            Map<String, Long> createdAt = new HashMap<>();   // orderId -> commit time (ms)
            Map<String, String> eventOf = new HashMap<>();   // eventId -> orderId
            BenchSupport.query(orders, "SELECT id, (extract(epoch from created_at) * 1000)::bigint FROM orders WHERE id IN (" + inOrders + ")",
                    rs -> createdAt.put(rs.getString(1), rs.getLong(2)));
            BenchSupport.query(orders, "SELECT payload::jsonb->>'eventId', event_key FROM outbox WHERE event_key IN (" + inOrders + ")",
                    rs -> eventOf.put(rs.getString(1), rs.getString(2)));
            String inEvents = BenchSupport.in(new ArrayList<>(eventOf.keySet()));
            Map<String, List<Long>> delivery = new HashMap<>();
            for (String group : List.of("fulfillment", "notifications")) {
                List<Long> lat = new ArrayList<>();
                BenchSupport.query(workers, "SELECT event_id, (extract(epoch from processed_at) * 1000)::bigint FROM processed_event WHERE consumer_group = '"
                        + group + "' AND event_id IN (" + inEvents + ")",
                        rs -> lat.add(rs.getLong(2) - createdAt.get(eventOf.get(rs.getString(1)))));
                delivery.put(group, lat);
            }
            List<Long> analytics = new ArrayList<>();
            Map<String, String> markers = BenchSupport.redisGet(redisPort, eventOf.keySet().stream().map(e -> "{analytics}:processed:" + e).toList());
            markers.forEach((key, value) -> {
                String eventId = key.substring(key.lastIndexOf(':') + 1);
                analytics.add(Long.parseLong(value) - createdAt.get(eventOf.get(eventId)));
            });
            delivery.put("analytics", analytics);
            long confirmed = BenchSupport.count(orders, "SELECT count(*) FROM orders WHERE status = 'CONFIRMED' AND id IN (" + inOrders + ")");

            double seconds = (doneMillis - startMillis) / 1000.0;
            System.out.printf("Load average (1/5/15 min, runnable/total, last pid) before / after the measured phase: %s / %s%n%n", loadBefore, loadAfter);
            System.out.println("| figure | value |");
            System.out.println("|---|---:|");
            System.out.printf("| orders POSTed (concurrency %d%s), after %d warm-up | %d (statuses %s) |%n", concurrency,
                    rate > 0 ? ", offered " + (long) rate + "/s" : "", warm.size(), orderIds.size(), statuses);
            System.out.printf("| POST phase | %.1f s, %.0f orders/s |%n", (postsDoneMillis - startMillis) / 1000.0, orderIds.size() / ((postsDoneMillis - startMillis) / 1000.0));
            System.out.printf("| **end to end** (first POST -> last order processed by all 3 groups and CONFIRMED) | **%.1f s, %.0f orders/s** |%n", seconds, orderIds.size() / seconds);
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
            System.out.println();
            System.out.printf("CPU time from the first measured POST until every order was processed by all three groups and confirmed "
                    + "(%.1f s; utime+stime from /proc/<pid>/stat, PostgreSQL summed over each server's process tree, ended "
                    + "backends included):%n%n", seconds);
            System.out.println("| process | CPU s | CPU ms per order | share of the cores |");
            System.out.println("|---|---:|---:|---:|");
            long sum = 0;
            int cores = Runtime.getRuntime().availableProcessors();
            for (Cpu.Process process : processes) {
                long ticks = cpuAfter.get(process.name()) - cpuBefore.get(process.name());
                sum += ticks;
                System.out.printf("| %s | %.2f | %.2f | %.0f %% |%n", process.name(), ticks / Cpu.HZ,
                        ticks / Cpu.HZ * 1000 / orderIds.size(), ticks / Cpu.HZ / seconds / cores * 100);
            }
            System.out.printf("| **total** | **%.2f** | **%.2f** | %.0f %% |%n", sum / Cpu.HZ, sum / Cpu.HZ * 1000 / orderIds.size(),
                    sum / Cpu.HZ / seconds / cores * 100);
        }
    }

    /**
     * Waits until {@code n} orders created since {@code since} (database clock, ms) are out of PENDING and processed by
     * fulfillment and notifications, and analytics counted their units; cheap aggregate queries every 250 ms.
     * {@code unitsBefore} < 0: skip the analytics check (warm-up). Returns the time (ms) the pipeline was seen drained.
     */
    static long awaitDrained(Connection orders, Connection workers, int redisPort, String[] products, long since, int n,
                             double unitsBefore, long deadline) throws Exception {
        String at = "to_timestamp(" + since / 1000.0 + ")";
        while (true) {
            long settled = BenchSupport.count(orders, "SELECT count(*) FROM orders WHERE status <> 'PENDING' AND created_at >= " + at);
            Map<String, Long> groups = new HashMap<>();
            BenchSupport.query(workers, "SELECT consumer_group, count(*) FROM processed_event WHERE processed_at >= " + at + " GROUP BY 1",
                    rs -> groups.put(rs.getString(1), rs.getLong(2)));
            boolean done = settled >= n && groups.getOrDefault("fulfillment", 0L) >= n && groups.getOrDefault("notifications", 0L) >= n;
            if (done && unitsBefore >= 0) {
                done = unitsSold(redisPort, products) - unitsBefore >= expectedUnits;
            }
            if (done || System.currentTimeMillis() > deadline) {
                return System.currentTimeMillis();
            }
            Thread.sleep(250);
        }
    }

    /** Units the measured phase ordered; analytics has processed the phase when its sorted set grew by this much. */
    static volatile long expectedUnits;

    static double unitsSold(int redisPort, String[] products) throws Exception {
        double sum = 0;
        for (String score : redisCommand(redisPort, "ZMSCORE", "{analytics}:top-products:units", products)) {
            sum += score == null ? 0 : Double.parseDouble(score);
        }
        return sum;
    }

    static long dbNow(Connection c) throws Exception {
        long[] now = {0};
        BenchSupport.query(c, "SELECT (extract(epoch from clock_timestamp()) * 1000)::bigint", rs -> now[0] = rs.getLong(1));
        return now[0];
    }

    /** CPU time of processes from /proc (Linux): a process's own utime+stime, or summed over its process tree. */
    static final class Cpu {
        static final double HZ = 100.0; // USER_HZ: /proc/<pid>/stat counts clock ticks of 1/100 s on Linux

        record Process(String name, long pid, boolean tree) {
        }

        /** "name=pid" or "name=pid:tree", comma-separated; "name=self" is this JVM. */
        static List<Process> parse(String spec) {
            List<Process> list = new ArrayList<>();
            for (String part : spec.split(",")) {
                String[] kv = part.split("=", 2);
                String[] pidAndMode = kv[1].split(":");
                long pid = pidAndMode[0].equals("self") ? ProcessHandle.current().pid() : Long.parseLong(pidAndMode[0]);
                list.add(new Process(kv[0], pid, pidAndMode.length > 1 && pidAndMode[1].equals("tree")));
            }
            return list;
        }

        static Map<String, Long> ticks(List<Process> processes) throws Exception {
            Map<Long, long[]> all = new HashMap<>(); // pid -> {ppid, utime+stime+cutime+cstime}
            try (var dirs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
                for (Path dir : dirs) {
                    long[] stat = stat(dir.resolve("stat"));
                    if (stat != null) {
                        all.put(Long.parseLong(dir.getFileName().toString()), stat);
                    }
                }
            }
            Map<String, Long> result = new HashMap<>();
            for (Process process : processes) {
                long sum = 0;
                for (Map.Entry<Long, long[]> e : all.entrySet()) {
                    if (e.getKey() == process.pid() || (process.tree() && descends(all, e.getKey(), process.pid()))) {
                        // cutime/cstime: children this process has waited for (PostgreSQL's ended backends). A JVM has none.
                        sum += e.getValue()[1];
                    }
                }
                result.put(process.name(), sum);
            }
            return result;
        }

        private static boolean descends(Map<Long, long[]> all, long pid, long root) {
            for (int depth = 0; depth < 10; depth++) {
                long[] stat = all.get(pid);
                if (stat == null) {
                    return false;
                }
                pid = stat[0];
                if (pid == root) {
                    return true;
                }
            }
            return false;
        }

        private static long[] stat(Path file) {
            try {
                String text = Files.readString(file);
                String[] f = text.substring(text.lastIndexOf(')') + 2).split(" ");
                // after "pid (comm) ": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based from pid
                return new long[]{Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])};
            } catch (Exception e) {
                return null; // ended meanwhile
            }
        }
    }

    /**
     * POSTs {@code n} orders from {@code concurrency} client threads. With {@code rate > 0} the i-th order is due at
     * start + i / rate (an open-loop arrival rate, as long as enough threads are free) and its latency counts from that
     * moment, so time spent queued behind a slow platform is not hidden.
     */
    static List<String> post(String base, String[] products, int n, int concurrency, double rate, List<Long> micros,
                             Map<String, Integer> statuses) throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.atomic.AtomicLong units = new java.util.concurrent.atomic.AtomicLong();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < concurrency; w++) {
                pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < n) {
                        long due = rate > 0 ? start + (long) (i * 1e9 / rate) : 0;
                        if (rate > 0) {
                            long wait = due - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        int lines = 1 + random.nextInt(3);
                        int first = random.nextInt(products.length);
                        StringBuilder items = new StringBuilder();
                        long orderUnits = 0;
                        for (int l = 0; l < lines; l++) {
                            int quantity = 1 + random.nextInt(3);
                            orderUnits += quantity;
                            items.append(l == 0 ? "" : ",").append("{\"productId\":\"").append(products[(first + l) % products.length])
                                    .append("\",\"quantity\":").append(quantity).append('}');
                        }
                        String body = "{\"customerId\":\"bench-" + random.nextInt(1000) + "\",\"items\":[" + items + "]}";
                        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/orders"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .header("X-API-Key", apiKey)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = rate > 0 ? due : System.nanoTime();
                        try {
                            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                            micros.add((System.nanoTime() - t0) / 1000);
                            statuses.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
                            Matcher m = ID.matcher(response.body());
                            if (response.statusCode() == 201 && m.find()) {
                                ids.add(m.group(1));
                                units.addAndGet(orderUnits);
                            }
                        } catch (Exception e) {
                            statuses.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        }
                    }
                    return null;
                });
            }
        }
        expectedUnits = units.get();
        return ids;
    }

    // The one meter, not a whole /actuator/prometheus scrape: four full scrapes a second cost order-service more CPU
    // than a share of the orders it measures.
    static void sampleBacklog(String base, List<Long> samples) {
        Pattern gauge = Pattern.compile("\"value\"\\s*:\\s*([0-9.E]+)");
        while (!Thread.currentThread().isInterrupted()) {
            try {
                String body = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/metrics/outbox_backlog")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
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

    /** One command with plain RESP; the reply's array elements (null for a nil). */
    static List<String> redisCommand(int port, String command, String key, String[] members) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            StringBuilder out = new StringBuilder("*" + (2 + members.length) + "\r\n");
            for (String part : concat(command, key, members)) {
                out.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(part).append("\r\n");
            }
            socket.getOutputStream().write(out.toString().getBytes(StandardCharsets.UTF_8));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String header = in.readLine();
            if (!header.startsWith("*")) {
                throw new IllegalStateException("Redis answered " + header);
            }
            List<String> values = new ArrayList<>();
            for (int i = 0, n = Integer.parseInt(header.substring(1)); i < n; i++) {
                values.add(in.readLine().startsWith("$-1") ? null : in.readLine());
            }
            return values;
        }
    }

    private static List<String> concat(String command, String key, String[] members) {
        List<String> all = new ArrayList<>(List.of(command, key));
        all.addAll(List.of(members));
        return all;
    }

}
