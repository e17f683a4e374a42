package io.strait.ops.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfig.HttpConfig;
import io.strait.sql.dashboard.DashboardQueries;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SLA dashboard: server-rendered pages, the JSON API (docs/API.md), {@code /metrics} (Prometheus) and
 * {@code /health}, all read from the state store; the operator actions ({@link OperatorEndpoints}) only with the
 * HTTP token ({@link MutationGuard}). Served by the JDK's HTTP server on a small pool
 * of daemon threads; started inside {@code strait run} (when {@code http.enabled}) or by {@code strait serve}.
 * Nothing it answers carries the store's password or the HTTP token.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final int THREADS = 4;
    private static final int DEFAULT_LIMIT = 200;
    private static final int MAX_LIMIT = 5_000;

    private final HttpServer server;
    private final ExecutorService threads;
    private final DashboardMetrics metrics;
    private final DashboardQueries queries;
    private final List<DashboardQueries.Link> links;
    private final MutationGuard guard;
    private final Pages pages;
    private final Clock clock;
    private final StraitConfig config;
    private final io.strait.ops.why.WhyService why;
    private final OperatorEndpoints operatorEndpoints;
    private final io.strait.ops.control.BackgroundReconcile reconcileRequests;
    private final List<HealthProbe> probes;
    private final io.strait.sql.alert.JdbcAlertOutbox alerts;
    private final io.strait.sql.dashboard.PartitionFreshness partitionFreshness;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DashboardServer(HttpServer server, ExecutorService threads, DashboardQueries queries,
            List<DashboardQueries.Link> links, MutationGuard guard, Clock clock, StraitConfig config,
            DataSource dataSource, List<HealthProbe> probes) {
        this.server = server;
        this.probes = List.copyOf(probes);
        this.alerts = new io.strait.sql.alert.JdbcAlertOutbox(dataSource);
        this.partitionFreshness = new io.strait.sql.dashboard.PartitionFreshness(dataSource);
        this.config = config;
        this.why = new io.strait.ops.why.WhyService(config, dataSource, clock);
        this.reconcileRequests = new io.strait.ops.control.BackgroundReconcile(config, dataSource, clock);
        this.operatorEndpoints = new OperatorEndpoints(new io.strait.ops.control.OperatorActions(dataSource, clock),
                reconcileRequests, links.stream().map(DashboardQueries.Link::name).toList());
        this.threads = threads;
        this.queries = queries;
        this.links = links;
        this.guard = guard;
        this.clock = clock;
        this.metrics = new DashboardMetrics(queries, new io.strait.sql.metrics.MetricsQueries(dataSource), links,
                clock);
        this.pages = new Pages(queries, links, clock);
    }

    /** Starts serving {@code config}'s links from {@code dataSource} at {@code address}:{@code port}. */
    public static DashboardServer start(StraitConfig config, String address, int port, DataSource dataSource,
            Clock clock) {
        return start(config, address, port, dataSource, clock, HealthProbes.stateStore(dataSource));
    }

    /**
     * Starts serving {@code config}'s links from {@code dataSource} at {@code address}:{@code port}, {@code /health}
     * checking {@code probes} (see {@link HealthProbes}).
     */
    public static DashboardServer start(StraitConfig config, String address, int port, DataSource dataSource,
            Clock clock, List<HealthProbe> probes) {
        List<DashboardQueries.Link> links = config.links().stream().map(link -> new DashboardQueries.Link(
                link.name(), link.source().name(), link.target().name(), link.sla())).toList();
        HttpConfig http = config.http();
        DashboardTls.requireSafeAddress(address, http.tls(), http.insecurePlainHttp());
        HttpServer server;
        try {
            if (http.tls().enabled()) {
                com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                        new InetSocketAddress(address, port), 64);
                https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(
                        DashboardTls.sslContext(http.tls())));
                server = https;
            } else {
                server = HttpServer.create(new InetSocketAddress(address, port), 64);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the dashboard at " + address + ":" + port + ": "
                    + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "strait-http");
            thread.setDaemon(true);
            return thread;
        });
        DashboardServer dashboard = new DashboardServer(server, threads, new DashboardQueries(dataSource), links,
                MutationGuard.of(config.http().token(), System.getenv()), clock, config, dataSource, probes);
        server.setExecutor(threads);
        server.createContext("/", dashboard::handle);
        server.start();
        LOG.info("dashboard at {}://{}:{}/ ({})", http.tls().enabled() ? "https" : "http", address, dashboard.port(),
                dashboard.guard);
        return dashboard;
    }

    /** Starts serving at the configuration's {@code http.address} and {@code http.port}. */
    public static DashboardServer start(StraitConfig config, DataSource dataSource, Clock clock) {
        HttpConfig http = config.http();
        return start(config, http.address(), http.port(), dataSource, clock);
    }

    /** The port served (the one chosen when 0 was asked). */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        reconcileRequests.close();
        metrics.close();
        for (HealthProbe probe : probes) {
            if (probe instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debug("health probe {} did not close cleanly: {}", probe.name(), e.toString());
                }
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                // The seam for operator actions: authorised here, in one place, before any routing.
                if (!guard.authorised(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    sendJson(exchange, 401, Map.of("error", "mutating requests need Authorization: Bearer <http.token>"));
                } else {
                    Optional<OperatorEndpoints.Answer> answer = method.equals("POST") ? operatorEndpoints.post(
                            exchange.getRequestURI().getPath(), exchange.getRequestBody().readNBytes(64 * 1024),
                            exchange.getRemoteAddress().getAddress().getHostAddress()) : Optional.empty();
                    if (answer.isPresent()) {
                        sendJson(exchange, answer.get().status(), answer.get().body());
                    } else {
                        sendJson(exchange, 405, Map.of("error", "no mutating endpoint at " + exchange.getRequestURI()
                                .getPath()));
                    }
                }
                return;
            }
            route(exchange, exchange.getRequestURI().getPath(), query(exchange.getRequestURI()));
        } catch (BadRequest e) {
            sendJson(exchange, 400, Map.of("error", e.getMessage()));
        } catch (io.strait.common.error.StraitException e) {
            if (e.category() != io.strait.common.error.ErrorCategory.USER_ERROR) {
                throw e;
            }
            sendJson(exchange, 400, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("dashboard request {} failed: {}", exchange.getRequestURI(), e.toString());
            sendJson(exchange, 500, Map.of("error", "internal error: " + e.getClass().getSimpleName()));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        switch (path) {
            case "/" -> sendHtml(exchange, 200, pages.overview());
            case "/tables" -> sendHtml(exchange, 200, pages.tables(query.getOrDefault("search", "")));
            case "/jobs" -> sendHtml(exchange, 200, pages.jobs(query.getOrDefault("state", ""),
                    query.getOrDefault("table", ""), query.getOrDefault("link", "")));
            case "/reconcile" -> sendHtml(exchange, 200, pages.reconcile());
            case "/health" -> health(exchange);
            case "/metrics" -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
            case "/api/links" -> sendJson(exchange, 200, queries.links(links, clock.millis()));
            case "/api/tables" -> sendJson(exchange, 200, queries.tables(links, query.getOrDefault("search", ""),
                    clock.millis(), limit(query)));
            case "/api/jobs" -> sendJson(exchange, 200, queries.jobs(query.getOrDefault("state", "")
                    .toUpperCase(java.util.Locale.ROOT), query.getOrDefault("table", ""),
                    query.getOrDefault("link", ""), limit(query)));
            case "/api/reconcile" -> sendJson(exchange, 200, queries.reconcile(Math.min(limit(query), 500)));
            case "/api/freshness" -> sendJson(exchange, 200, freshness(query));
            case "/api/partitions" -> sendJson(exchange, 200, partitions(query));
            case "/partitions" -> sendHtml(exchange, 200, PartitionsPage.render(pages, link(query).name(),
                    qualifiedTable(query), query.getOrDefault("search", ""),
                    castRows((List<?>) partitions(query).get("partitions")), limit(query)));
            case "/api/alerts" -> sendJson(exchange, 200, Map.of("alerts", alerts.alerts(limit(query)),
                    "undeliveredDeliveries", alerts.undelivered(limit(query))));
            case "/api/why" -> sendJson(exchange, 200, io.strait.ops.why.WhyService.json(why.explain(
                    query.getOrDefault("link", ""), query.getOrDefault("table", ""),
                    query.getOrDefault("partition", ""))));
            case "/why" -> whyPage(exchange, query);
            default -> {
                if (path.startsWith("/api/jobs/")) {
                    Optional<Map<String, Object>> job = queries.job(id(path.substring("/api/jobs/".length())));
                    if (job.isPresent()) {
                        sendJson(exchange, 200, job.get());
                    } else {
                        sendJson(exchange, 404, Map.of("error", "no job " + path.substring("/api/jobs/".length())));
                    }
                } else if (path.startsWith("/jobs/")) {
                    long id = id(path.substring("/jobs/".length()));
                    Optional<String> page = pages.job(id);
                    sendHtml(exchange, page.isPresent() ? 200 : 404, page.orElseGet(() -> pages.notFound(
                            "No job " + id + ".")));
                } else {
                    sendHtml(exchange, 404, pages.notFound("Nothing at " + path + "."));
                }
            }
        }
    }

    private void whyPage(HttpExchange exchange, Map<String, String> query) throws IOException {
        String link = query.getOrDefault("link", "");
        String table = query.getOrDefault("table", "");
        String partition = query.getOrDefault("partition", "");
        if (table.isEmpty()) {
            sendHtml(exchange, 200, WhyPage.form(pages, config.links(), link, table, partition, ""));
            return;
        }
        try {
            sendHtml(exchange, 200, WhyPage.answer(pages, config.links(), link, table, partition,
                    why.explain(link, table, partition)));
        } catch (io.strait.common.error.StraitException e) {
            if (e.category() != io.strait.common.error.ErrorCategory.USER_ERROR) {
                throw e;
            }
            sendHtml(exchange, 400, WhyPage.form(pages, config.links(), link, table, partition, e.getMessage()));
        }
    }

    private void health(HttpExchange exchange) throws IOException {
        Map<String, Object> body = Health.check(probes);
        sendJson(exchange, "UP".equals(body.get("status")) ? 200 : 503, body);
    }

    private Map<String, Object> freshness(Map<String, String> query) {
        String table = qualifiedTable(query);
        int dot = table.indexOf('.');
        Optional<Long> asOfEvent = Optional.ofNullable(query.get("asOfEvent")).map(value -> number("asOfEvent",
                value));
        Optional<Long> asOfTime = Optional.ofNullable(query.get("asOfTime")).map(DashboardServer::time);
        if (asOfEvent.isPresent() == asOfTime.isPresent()) {
            throw new BadRequest("give exactly one of asOfEvent=N or asOfTime=(epoch ms or ISO-8601 instant)");
        }
        DashboardQueries.Link link = link(query);
        return queries.freshness(link, table.substring(0, dot), table.substring(dot + 1),
                query.getOrDefault("partition", ""), asOfEvent, asOfTime);
    }

    /** The link a request names ({@code link=NAME}), or the only one; a 400 otherwise. */
    private DashboardQueries.Link link(Map<String, String> query) {
        String linkName = query.getOrDefault("link", "");
        if (linkName.isEmpty()) {
            if (links.size() != 1) {
                throw new BadRequest("link=NAME is required: links are " + links.stream()
                        .map(DashboardQueries.Link::name).toList());
            }
            return links.get(0);
        }
        return links.stream().filter(candidate -> candidate.name().equals(linkName)).findFirst()
                .orElseThrow(() -> new BadRequest("no link " + linkName));
    }

    /** {@code table=DB.TABLE}, checked; a 400 otherwise. */
    private static String qualifiedTable(Map<String, String> query) {
        String table = query.getOrDefault("table", "");
        int dot = table.indexOf('.');
        if (dot <= 0 || dot == table.length() - 1) {
            throw new BadRequest("table=DB.TABLE is required");
        }
        return table;
    }

    /** Freshness per partition of one table: {@code link}, {@code table}, {@code partitions} (waiting first). */
    private Map<String, Object> partitions(Map<String, String> query) {
        String table = qualifiedTable(query);
        DashboardQueries.Link link = link(query);
        int dot = table.indexOf('.');
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("link", link.name());
        answer.put("table", table);
        answer.put("partitions", partitionFreshness.partitions(link, table.substring(0, dot),
                table.substring(dot + 1), query.getOrDefault("search", ""), clock.millis(), limit(query)));
        return answer;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> castRows(List<?> rows) {
        return (List<Map<String, Object>>) rows;
    }

    private static long time(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            try {
                return java.time.Instant.parse(value).toEpochMilli();
            } catch (java.time.format.DateTimeParseException notIso) {
                throw new BadRequest("asOfTime must be epoch milliseconds or an ISO-8601 instant: " + value);
            }
        }
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a whole number: " + value);
        }
    }

    private static long id(String value) {
        return number("job id", value);
    }

    private static int limit(Map<String, String> query) {
        return (int) Math.min(MAX_LIMIT, Math.max(1, number("limit", query.getOrDefault("limit",
                String.valueOf(DEFAULT_LIMIT)))));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> query = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value.trim());
        }
        return query;
    }

    private void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", json.writeValueAsString(body));
    }

    private static void sendHtml(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "text/html; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A request the API cannot answer as asked (400). */
    private static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
