package io.strait.ops.web;

import io.strait.common.config.StraitConfig;
import io.strait.common.config.StraitConfigLoader;
import io.strait.sql.dashboard.DashboardWorkload;
import io.strait.sql.testing.TestingClock;
import io.strait.sql.testing.TestingMariaDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A dashboard server on a fresh MariaDB database holding {@link DashboardWorkload}, on a free port, its clock
 * fixed at {@link DashboardWorkload#NOW}.
 */
final class DashboardFixture implements AutoCloseable {
    static final String TOKEN = "s3cret-token-for-tests";

    final TestingMariaDb db;
    final DashboardWorkload workload;
    final DashboardServer server;
    final StraitConfig config;
    private final HttpClient http = HttpClient.newHttpClient();

    private DashboardFixture(TestingMariaDb db, DashboardWorkload workload, DashboardServer server,
            StraitConfig config) {
        this.db = db;
        this.workload = workload;
        this.server = server;
        this.config = config;
    }

    static DashboardFixture start() {
        return start(false);
    }

    /** With {@code history}, also {@link DashboardWorkload#seedHistory} (a day of lag for the chart). */
    static DashboardFixture start(boolean history) {
        TestingMariaDb db = TestingMariaDb.create();
        try {
            TestingClock clock = new TestingClock(DashboardWorkload.NOW);
            DashboardWorkload workload = DashboardWorkload.seed(db.dataSource(), clock);
            if (history) {
                DashboardWorkload.seedHistory(db.dataSource(), clock);
            }
            StraitConfig config = new StraitConfigLoader().parse("""
                    store:
                      jdbc-url: %s
                      password: store-password-never-shown
                    regions:
                      region-a: {metastore-uri: "thrift://hms-a:9083", roots: {warehouse: "file:/warehouse/a"}}
                      region-b: {metastore-uri: "thrift://hms-b:9083", roots: {warehouse: "file:/warehouse/b"}}
                    links:
                      - {name: a-to-b, source: region-a, target: region-b}
                    http: {enabled: true, address: 127.0.0.1, port: 0, token: %s}
                    """.formatted(db.jdbcUrl(), TOKEN), "dashboard-test.yaml");
            DashboardServer server = DashboardServer.start(config, db.dataSource(),
                    Clock.fixed(Instant.ofEpochMilli(DashboardWorkload.NOW), ZoneOffset.UTC));
            return new DashboardFixture(db, workload, server, config);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }
}
