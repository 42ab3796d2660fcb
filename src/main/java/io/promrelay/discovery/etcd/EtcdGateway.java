package io.promrelay.discovery.etcd;

import io.promrelay.config.EtcdSdConfig;
import io.promrelay.http.TlsOptionsSource;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.parsetools.JsonEventType;
import io.vertx.core.parsetools.JsonParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * etcd's v3 JSON gateway (grpc-gateway over the KV and Watch services): a range read of every key under a
 * prefix, and a watch that streams one JSON object per response. Keys and values travel base64-encoded; int64
 * fields arrive as strings. Requests go to the endpoint that last answered, moving on to the next one when it
 * fails.
 */
final class EtcdGateway {
    private static final long CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long RANGE_TIMEOUT_MILLIS = 10_000;
    // A watch is quiet until something changes, so it has no idle timeout; TCP keep-alive finds dead peers.
    private static final long NO_TIMEOUT = 0;
    private static final int HTTP_PORT = 80;
    private static final int HTTPS_PORT = 443;

    record KeyValue(String key, String value) {
    }

    record Range(long revision, List<KeyValue> kvs) {
    }

    /** A running watch; {@code ended} completes when the stream ends and fails when it broke. */
    record Watch(HttpClientRequest request, Future<Void> ended) {
        void cancel() {
            request.reset();
        }
    }

    private final EtcdSdConfig config;
    private final HttpClient client;
    private final TlsOptionsSource tls;
    private int endpoint;

    EtcdGateway(Vertx vertx, EtcdSdConfig config) {
        this.config = config;
        this.client = vertx.createHttpClient(new HttpClientOptions().setTcpKeepAlive(true).setForceSni(true));
        this.tls = new TlsOptionsSource(vertx, config.tls());
    }

    Future<Range> range(String prefix) {
        JsonObject body = rangeOf(prefix);
        return post("/v3/kv/range", body, RANGE_TIMEOUT_MILLIS)
                .compose(response -> response.body().map(b -> checked(response, b)))
                .map(EtcdGateway::toRange)
                .onFailure(e -> nextEndpoint());
    }

    /** Watches {@code prefix} from {@code fromRevision}, handing each response's {@code result} or {@code error}. */
    Future<Watch> watch(String prefix, long fromRevision, Consumer<JsonObject> onMessage) {
        JsonObject create = rangeOf(prefix).put("start_revision", Long.toString(fromRevision));
        return request("/v3/watch", NO_TIMEOUT).compose(request -> {
            Promise<Void> ended = Promise.promise();
            request.send(Buffer.buffer(new JsonObject().put("create_request", create).encode())).onComplete(sent -> {
                if (sent.failed()) {
                    ended.tryFail(sent.cause());
                } else if (sent.result().statusCode() != 200) {
                    sent.result().body().onComplete(b -> ended.tryFail(statusError(sent.result(), b.result())));
                } else {
                    stream(sent.result(), onMessage, ended);
                }
            });
            ended.future().onFailure(e -> nextEndpoint());
            return Future.succeededFuture(new Watch(request, ended.future()));
        });
    }

    Future<Void> close() {
        return client.close();
    }

    private static void stream(HttpClientResponse response, Consumer<JsonObject> onMessage, Promise<Void> ended) {
        JsonParser parser = JsonParser.newParser().objectValueMode();
        parser.handler(event -> {
            if (event.type() == JsonEventType.VALUE && event.value() instanceof JsonObject message) {
                onMessage.accept(message);
            }
        });
        parser.exceptionHandler(ended::tryFail);
        response.handler(parser);
        response.exceptionHandler(ended::tryFail);
        response.endHandler(v -> ended.tryFail("the watch stream ended"));
    }

    private Future<HttpClientResponse> post(String path, JsonObject body, long timeoutMillis) {
        return request(path, timeoutMillis).compose(request -> request.send(Buffer.buffer(body.encode())));
    }

    private Future<HttpClientRequest> request(String path, long timeoutMillis) {
        URI uri = URI.create(config.endpoints().get(endpoint) + path);
        boolean https = uri.getScheme().equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? HTTPS_PORT : HTTP_PORT;
        Future<ClientSSLOptions> ssl = https ? tls.options() : Future.succeededFuture(null);
        return ssl.compose(sslOptions -> {
            RequestOptions options = new RequestOptions()
                    .setMethod(HttpMethod.POST)
                    .setHost(uri.getHost())
                    .setPort(port)
                    .setURI(uri.getRawPath())
                    .setSsl(https)
                    .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                    .setIdleTimeout(timeoutMillis)
                    .putHeader("Content-Type", "application/json");
            if (sslOptions != null) {
                options.setSslOptions(sslOptions);
                String serverName = config.tls().serverName();
                if (serverName != null && !serverName.isEmpty()) {
                    // Verify and send SNI for server_name while still connecting to the endpoint's address.
                    options.setHost(serverName).setServer(SocketAddress.inetSocketAddress(port, uri.getHost()));
                }
            }
            return client.request(options);
        });
    }

    private synchronized void nextEndpoint() {
        endpoint = (endpoint + 1) % config.endpoints().size();
    }

    private static Buffer checked(HttpClientResponse response, Buffer body) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(statusError(response, body).getMessage());
        }
        return body;
    }

    private static Exception statusError(HttpClientResponse response, Buffer body) {
        String message = body == null ? "" : body.toString(StandardCharsets.UTF_8).trim();
        return new IllegalStateException("etcd answered HTTP " + response.statusCode()
                + (message.isEmpty() ? "" : ": " + message));
    }

    private static Range toRange(Buffer body) {
        JsonObject answer = body.toJsonObject();
        List<KeyValue> kvs = new ArrayList<>();
        JsonArray items = answer.getJsonArray("kvs", new JsonArray());
        for (int i = 0; i < items.size(); i++) {
            kvs.add(keyValue(items.getJsonObject(i)));
        }
        return new Range(revision(answer), kvs);
    }

    static long revision(JsonObject message) {
        JsonObject header = message.getJsonObject("header", new JsonObject());
        return Long.parseLong(header.getValue("revision", "0").toString());
    }

    static KeyValue keyValue(JsonObject kv) {
        return new KeyValue(decode(kv.getString("key", "")), decode(kv.getString("value", "")));
    }

    /** The range of every key below "prefix/": etcd's range_end is the key with its last byte plus one. */
    private static JsonObject rangeOf(String prefix) {
        byte[] start = (prefix + "/").getBytes(StandardCharsets.UTF_8);
        byte[] end = Arrays.copyOf(start, start.length);
        end[end.length - 1]++;
        return new JsonObject().put("key", encode(start)).put("range_end", encode(end));
    }

    private static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
