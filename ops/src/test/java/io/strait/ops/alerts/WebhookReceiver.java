package io.strait.ops.alerts;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A real HTTP receiver of webhook deliveries (the JDK's server on a free port): records every request (body and
 * {@code Authorization} header) and answers the statuses queued by {@link #answerNext}, then 200.
 */
public final class WebhookReceiver implements AutoCloseable {
    /** One request received. */
    public record Received(String path, String body, String authorization, int answered) {
    }

    private final HttpServer server;
    private final List<Received> received = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Deque<Integer> answers = new ConcurrentLinkedDeque<>();
    private volatile int otherwise = 200;

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Integer queued = answers.poll();
            int status = queued == null ? otherwise : queued;
            received.add(new Received(exchange.getRequestURI().toString(), body,
                    exchange.getRequestHeaders().getFirst("Authorization"), status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The next requests are answered with these statuses, in order. */
    public void answerNext(int... statuses) {
        for (int status : statuses) {
            answers.add(status);
        }
    }

    /** Requests not covered by {@link #answerNext} are answered with {@code status}. */
    public void answerOtherwise(int status) {
        otherwise = status;
    }

    public String url(String pathAndQuery) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The requests answered 2xx. */
    public List<Received> accepted() {
        return received().stream().filter(request -> request.answered() / 100 == 2).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
