package io.strait.ops.alerts;

import io.strait.common.config.AlertsConfig.Webhook;
import io.strait.common.error.StraitException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs an alert's JSON body to a webhook with its configured headers. Any answer but 2xx, and any I/O failure, is
 * an EXTERNAL {@link StraitException} (retryable) whose message names the webhook by {@link Webhook#display()}
 * only: neither the URL's path and query nor a header value ever reaches a message or a log line.
 */
public final class WebhookSender {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public void send(Webhook webhook, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhook.url())).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "strait-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        webhook.headers().forEach(request::header);
        int status;
        try {
            status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw StraitException.external("webhook " + webhook.display() + " unreachable: "
                    + e.getClass().getSimpleName() + redacted(e.getMessage(), webhook), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StraitException.external("interrupted while delivering to webhook " + webhook.display(), null);
        }
        if (status < 200 || status >= 300) {
            throw StraitException.external("webhook " + webhook.display() + " answered HTTP " + status, null);
        }
    }

    private static String redacted(String message, Webhook webhook) {
        if (message == null || message.isBlank()) {
            return "";
        }
        String text = message.replace(webhook.url(), webhook.display());
        for (String value : webhook.headers().values()) {
            if (!value.isEmpty()) {
                text = text.replace(value, "(redacted)");
            }
        }
        return ": " + text;
    }
}
