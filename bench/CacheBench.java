import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The product cache benchmark (run by bench/cache.sh, which starts the extra instances it needs). Talks to the
 * services directly (not through the gateway, whose rate limits would cap the load), to Redis with raw RESP and to
 * both PostgreSQL servers with pgjdbc. Prints a Markdown section for docs/benchmarks.md.
 *
 * Arguments: protected1 protected2 naive1 naive2 off redisPort pgPrimaryPort pgStandbyPort
 */
public class CacheBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final String LOAD_QUERY = "SELECT id, sku, name, description, price_cents, currency, stock, version, updated_at FROM product WHERE id = $1";
    static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    static final Pattern SKU = Pattern.compile("\"sku\":\"([^\"]+)\"");
    static final Pattern VERSION = Pattern.compile("\"version\":(\\d+)");

    static int protected1, protected2, naive1, naive2, off, redisPort;
    static String primaryUrl, standbyUrl;

    public static void main(String[] args) throws Exception {
        protected1 = Integer.parseInt(args[0]);
        protected2 = Integer.parseInt(args[1]);
        naive1 = Integer.parseInt(args[2]);
        naive2 = Integer.parseInt(args[3]);
        off = Integer.parseInt(args[4]);
        redisPort = Integer.parseInt(args[5]);
        primaryUrl = "jdbc:postgresql://127.0.0.1:" + args[6] + "/products";
        standbyUrl = "jdbc:postgresql://127.0.0.1:" + args[7] + "/products";

        List<String> ids = catalog();
        System.out.println("## Product cache (bench/cache.sh)");
        System.out.println();
        System.out.println("Catalog: " + ids.size() + " products (the demo seed). Requests go straight to the service ports"
                + " (no gateway, so no rate limit applies); 2 protected instances, 2 naive instances and 1 cache-off instance"
                + " share one PostgreSQL primary + standby and one Redis.");
        System.out.println();

        // Warm-up: JIT, connection pools, Redis connections of every instance.
        Zipf warm = new Zipf(ids.size(), 1.0, 1);
        zipfRun(ids, warm, 2000, 16, protected1, protected2);
        zipfRun(ids, warm, 2000, 16, naive1, naive2);
        zipfRun(ids, warm, 1000, 16, off, off);

        // (a) loads per hot-key invalidation, protected vs naive, same run
        int rounds = 5;
        int concurrency = 500;
        long[] protectedLoads = new long[rounds];
        long[] naiveLoads = new long[rounds];
        int[] protectedProblems = new int[2];
        int[] naiveProblems = new int[2];
        for (int r = 0; r < rounds; r++) {
            protectedLoads[r] = stampede(ids.get(r), protected1, protected2, concurrency, protectedProblems);
            naiveLoads[r] = stampede(ids.get(rounds + r), naive1, naive2, concurrency, naiveProblems);
        }
        System.out.println("### (a) Database loads per hot-key invalidation, " + concurrency + " concurrent GETs over two instances");
        System.out.println();
        System.out.println("| mode | loads per invalidation (" + rounds + " rounds) | mean | non-200 answers | stale answers |");
        System.out.println("|---|---|---:|---:|---:|");
        System.out.println("| protected (lease + fence + L1) | " + Arrays.toString(protectedLoads) + " | " + mean(protectedLoads)
                + " | " + protectedProblems[0] + " | " + protectedProblems[1] + " |");
        System.out.println("| naive cache-aside | " + Arrays.toString(naiveLoads) + " | " + mean(naiveLoads)
                + " | " + naiveProblems[0] + " | " + naiveProblems[1] + " |");
        System.out.println();

        // (b) hit ratio under Zipf(1.0), cold start
        int zipfRequests = 20_000;
        Zipf zipf = new Zipf(ids.size(), 1.0, 42);
        redis("FLUSHDB");
        Map<String, Long> outcomes = zipfRun(ids, zipf, zipfRequests, 32, protected1, protected2);
        long hits = outcomes.getOrDefault("HIT", 0L) + outcomes.getOrDefault("STALE", 0L);
        System.out.println("### (b) Hit ratio, Zipf(1.0) over the catalog, starting from an empty Redis");
        System.out.println();
        System.out.println("| requests | X-Cache counts | hit ratio (HIT+STALE) |");
        System.out.println("|---:|---|---:|");
        System.out.printf("| %d | %s | %.1f %% |%n", zipfRequests, outcomes, 100.0 * hits / zipfRequests);
        System.out.println();

        // (c) latency: cached GET vs a trivial endpoint on the same service, and a raw Redis GET
        String hot = ids.get(0);
        get(protected1, "/api/products/" + hot);
        int samples = 3000;
        long[] floor = new long[samples];
        long[] cached = new long[samples];
        for (int i = 0; i < 500; i++) { // warm-up: JIT, connections
            get(protected1, "/internal/ping");
            get(protected1, "/api/products/" + hot);
        }
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            get(protected1, "/internal/ping");
            floor[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            get(protected1, "/api/products/" + hot);
            cached[i] = System.nanoTime() - t0;
        }
        long[] redisGet = rawRedisGets("products:" + hot, samples);
        System.out.println("### (c) Latency, one client, " + samples + " sequential requests each (interleaved)");
        System.out.println();
        System.out.println("| what | p50 | p99 |");
        System.out.println("|---|---:|---:|");
        System.out.println("| trivial endpoint `/internal/ping` (the HTTP floor) | " + ms(floor, 50) + " | " + ms(floor, 99) + " |");
        System.out.println("| cached `GET /api/products/{id}` (L1 hit) | " + ms(cached, 50) + " | " + ms(cached, 99) + " |");
        System.out.println("| raw Redis `HGETALL` of the entry (the cache's floor) | " + ms(redisGet, 50) + " | " + ms(redisGet, 99) + " |");
        System.out.printf("%nCached / floor: p50 %.2fx, p99 %.2fx (goal: <= 1.5x)%n%n",
                (double) pct(cached, 50) / pct(floor, 50), (double) pct(cached, 99) / pct(floor, 99));

        // (d) database work per 1,000 reads, cache on vs off (same Zipf key stream; the cache is warm from (b))
        int reads = 5000;
        double[] on = dbWork(() -> zipfRun(ids, new Zipf(ids.size(), 1.0, 7), reads, 16, protected1, protected2));
        double[] offWork = dbWork(() -> zipfRun(ids, new Zipf(ids.size(), 1.0, 7), reads, 16, off, off));
        System.out.println("### (d) Database work per 1,000 reads, Zipf(1.0), cache on vs off");
        System.out.println();
        System.out.println("Counted with pg_stat_statements over primary + standby, statements on the product table only"
                + " (the WAL-position pollers are excluded).");
        System.out.println();
        System.out.println("| cache | queries per 1,000 reads | DB execution time per 1,000 reads |");
        System.out.println("|---|---:|---:|");
        System.out.printf("| on (protected) | %.1f | %.2f ms |%n", on[0] * 1000 / reads, on[1] * 1000 / reads);
        System.out.printf("| off | %.1f | %.2f ms |%n", offWork[0] * 1000 / reads, offWork[1] * 1000 / reads);
        System.out.println();
    }

    // --- scenarios ------------------------------------------------------------------------------------------------

    /** @param problems [non-200 answers, answers older than the write], accumulated */
    static long stampede(String id, int portA, int portB, int concurrency, int[] problems) throws Exception {
        HttpResponse<String> current = get(portA, "/api/products/" + id);
        get(portB, "/api/products/" + id);
        String body = current.body();
        String sku = first(SKU, body);
        String update = "{\"sku\":\"" + sku + "\",\"name\":\"Hot product " + System.nanoTime()
                + "\",\"description\":\"bench\",\"priceCents\":1234,\"currency\":\"EUR\",\"stock\":100}";
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portA + "/api/products/" + id))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + System.getenv("BENCH_ADMIN_TOKEN"))
                .PUT(HttpRequest.BodyPublishers.ofString(update)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 200) {
            throw new IllegalStateException("PUT failed: " + put.statusCode() + " " + put.body());
        }
        long written = Long.parseLong(first(VERSION, put.body()));
        resetStatements();
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                int port = i % 2 == 0 ? portA : portB;
                responses.add(clients.submit(() -> get(port, "/api/products/" + id)));
            }
        }
        for (Future<HttpResponse<String>> response : responses) {
            HttpResponse<String> r = response.get();
            if (r.statusCode() != 200) {
                problems[0]++;
            } else if (Long.parseLong(first(VERSION, r.body())) < written) {
                problems[1]++;
            }
        }
        return (long) statementStats(" = '" + LOAD_QUERY + "'")[0];
    }

    static Map<String, Long> zipfRun(List<String> ids, Zipf zipf, int requests, int clients, int portA, int portB) throws Exception {
        Map<String, LongAdder> counts = new ConcurrentHashMap<>();
        int[] keys = new int[requests];
        for (int i = 0; i < requests; i++) {
            keys[i] = zipf.next();
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(clients, Thread.ofVirtual().factory())) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                int k = keys[i];
                int port = i % 2 == 0 ? portA : portB;
                done.add(pool.submit(() -> {
                    HttpResponse<String> r = get(port, "/api/products/" + ids.get(k));
                    counts.computeIfAbsent(r.headers().firstValue("X-Cache").orElse("none"), x -> new LongAdder()).increment();
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        Map<String, Long> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.sum()));
        return result;
    }

    interface Run {
        void run() throws Exception;
    }

    /** @return {calls, total_exec_time ms} of statements on the product table, summed over both servers */
    static double[] dbWork(Run run) throws Exception {
        resetStatements();
        run.run();
        return statementStats(" ILIKE '%product%' AND query NOT ILIKE '%pg_stat_statements%'");
    }

    // --- plumbing -------------------------------------------------------------------------------------------------

    static List<String> catalog() throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            String body = get(protected1, "/api/products?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor)).body();
            Matcher m = ID.matcher(body);
            while (m.find()) {
                ids.add(m.group(1));
            }
            Matcher next = Pattern.compile("\"nextCursor\":\"([^\"]+)\"").matcher(body);
            cursor = next.find() ? next.group(1) : null;
        } while (cursor != null);
        if (ids.size() < 20) {
            throw new IllegalStateException("expected the demo catalog (a few hundred products), found " + ids.size());
        }
        return ids;
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String first(Pattern p, String body) {
        Matcher m = p.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + p + " in " + body);
        }
        return m.group(1);
    }

    static void resetStatements() throws Exception {
        for (String url : List.of(primaryUrl, standbyUrl)) {
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
                st.execute("SELECT pg_stat_statements_reset()");
            }
        }
    }

    static double[] statementStats(String queryFilter) throws Exception {
        double calls = 0;
        double time = 0;
        for (String url : List.of(primaryUrl, standbyUrl)) {
            try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT coalesce(sum(calls), 0), coalesce(sum(total_exec_time), 0) FROM pg_stat_statements WHERE query" + queryFilter)) {
                rs.next();
                calls += rs.getDouble(1);
                time += rs.getDouble(2);
            }
        }
        return new double[]{calls, time};
    }

    static String redis(String... command) throws IOException {
        try (Socket s = new Socket("127.0.0.1", redisPort)) {
            send(s.getOutputStream(), command);
            return readReply(new BufferedInputStream(s.getInputStream()));
        }
    }

    static long[] rawRedisGets(String key, int n) throws IOException {
        long[] times = new long[n];
        try (Socket s = new Socket("127.0.0.1", redisPort)) {
            s.setTcpNoDelay(true);
            OutputStream out = s.getOutputStream();
            InputStream in = new BufferedInputStream(s.getInputStream());
            for (int i = 0; i < 500 + n; i++) {
                long t0 = System.nanoTime();
                send(out, "HGETALL", key);
                readReply(in);
                if (i >= 500) {
                    times[i - 500] = System.nanoTime() - t0;
                }
            }
        }
        return times;
    }

    static void send(OutputStream out, String... parts) throws IOException {
        StringBuilder sb = new StringBuilder("*").append(parts.length).append("\r\n");
        for (String p : parts) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            sb.append('$').append(b.length).append("\r\n").append(p).append("\r\n");
        }
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static String readReply(InputStream in) throws IOException {
        int type = in.read();
        String line = readLine(in);
        switch (type) {
            case '+', '-', ':' -> {
                return line;
            }
            case '$' -> {
                int len = Integer.parseInt(line);
                if (len < 0) {
                    return null;
                }
                byte[] b = in.readNBytes(len + 2);
                return new String(b, 0, len, StandardCharsets.UTF_8);
            }
            case '*' -> {
                int n = Integer.parseInt(line);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    sb.append(readReply(in)).append(' ');
                }
                return sb.toString();
            }
            default -> throw new IOException("unexpected RESP type " + (char) type);
        }
    }

    static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            sb.append((char) c);
        }
        in.read();
        return sb.toString();
    }

    static long pct(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static String ms(long[] nanos, int p) {
        return String.format("%.3f ms", pct(nanos, p) / 1e6);
    }

    static String mean(long[] values) {
        return String.format("%.1f", Arrays.stream(values).average().orElse(0));
    }

    /** Zipf(s) over ranks 0..n-1 by inverse CDF. */
    static final class Zipf {
        final double[] cdf;
        final Random random;

        Zipf(int n, double s, long seed) {
            cdf = new double[n];
            double sum = 0;
            for (int k = 1; k <= n; k++) {
                sum += 1 / Math.pow(k, s);
                cdf[k - 1] = sum;
            }
            for (int k = 0; k < n; k++) {
                cdf[k] /= sum;
            }
            random = new Random(seed);
        }

        int next() {
            int i = Arrays.binarySearch(cdf, random.nextDouble());
            return i >= 0 ? i : Math.min(-i - 1, cdf.length - 1);
        }
    }
}
