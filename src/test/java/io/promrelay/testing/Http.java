package io.promrelay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Plain HTTP GETs and POSTs against peers and the relay on 127.0.0.1. */
public final class Http {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private Http() {
    }

    public record Response(int status, String body, HttpHeaders headers) {
        /** The first value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public static Response get(URI uri) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during GET " + uri, e);
        }
    }

    /** A POST of {@code body} with the given headers (name, value, name, value...). */
    public static Response post(URI uri, byte[] body, String... headers) {
        return send("POST", uri, body, headers);
    }

    /** A request of any method with {@code body} and the given headers (name, value, name, value...). */
    public static Response send(String method, URI uri, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + method + " " + uri, e);
        }
    }

    /** A GET whose connection failure means "not there yet", for polling a peer that is still starting. */
    public static Optional<Response> tryGet(URI uri) {
        try {
            return Optional.of(get(uri));
        } catch (UncheckedIOException e) {
            return Optional.empty();
        }
    }

    /** The body of a GET that must answer 200. */
    public static String getOk(URI uri) {
        Response response = get(uri);
        if (response.status() != 200) {
            throw new AssertionError("GET " + uri + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }
}
