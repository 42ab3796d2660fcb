package io.promrelay.http;

import io.promrelay.config.HttpClientConfig;
import io.promrelay.config.KnownSecrets;
import io.promrelay.model.Version;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Requests made the way one HTTP client block says: the credentials (files read again per request, so
 * rotated tokens apply at once), TLS with {@code server_name}, the proxy and the redirect rule. Callers add
 * their own headers, timeouts and body.
 */
public final class ConfiguredRequests {
    /** What promrelay calls itself in every request it makes. */
    public static final String USER_AGENT = "promrelay/" + Version.VERSION;

    /** Reads a response and settles the exchange's result; it may reset the request to stop reading. */
    @FunctionalInterface
    public interface ResponseReader<T> {
        void read(HttpClientRequest request, HttpClientResponse response, Promise<T> result);
    }

    private final Vertx vertx;
    private final HttpClientConfig config;
    private final AuthorizationHeader authorization;
    private final TlsOptionsSource tls;
    private final ProxyOptions proxy;

    public ConfiguredRequests(Vertx vertx, HttpClientConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.authorization = AuthorizationHeader.of(vertx, config);
        this.tls = new TlsOptionsSource(vertx, config.tls());
        this.proxy = proxyOptions(config.proxyUrl());
    }

    /**
     * Options for a request to {@code uri}; fails when a credentials or TLS file cannot be read, with a
     * message naming the file, never its content.
     */
    public Future<RequestOptions> options(HttpMethod method, URI uri) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        Future<String> auth = authorization == null ? Future.succeededFuture(userInfoAuthorization(uri))
                : authorization.value();
        Future<ClientSSLOptions> ssl = https ? tls.options() : Future.succeededFuture(null);
        return Future.all(auth, ssl).map(ready -> build(method, uri, https, auth.result(), ssl.result()));
    }

    private RequestOptions build(HttpMethod method, URI uri, boolean https, String authHeader, ClientSSLOptions ssl) {
        HostAndPort authority = authority(uri);
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions options = new RequestOptions()
                .setMethod(method)
                .setHost(authority.host())
                .setPort(authority.port())
                .setURI(pathAndQuery.isEmpty() ? "/" : pathAndQuery)
                .setSsl(https)
                .setFollowRedirects(config.followRedirects());
        if (ssl != null) {
            options.setSslOptions(ssl);
            String serverName = config.tls().serverName();
            if (serverName != null && !serverName.isEmpty()) {
                // Verify and send SNI for server_name while still connecting to the URL's address.
                options.setHost(serverName).setServer(SocketAddress.inetSocketAddress(authority.port(), authority.host()));
            }
        }
        if (proxy != null) {
            options.setProxyOptions(proxy);
        }
        if (authHeader != null) {
            options.putHeader("Authorization", authHeader);
        }
        return options;
    }

    /**
     * Sends a request to {@code uri} made from {@code options} (from {@link #options}), with {@code body} unless it
     * is null, and lets {@code reader} settle the result. Fails with a {@link TimeoutException} carrying
     * {@code timeoutMessage}, and resets the request, when the result is not settled within {@code timeoutMillis}.
     */
    public <T> Future<T> exchange(HttpClient client, URI uri, RequestOptions options, Buffer body, long timeoutMillis,
                                  String timeoutMessage, ResponseReader<T> reader) {
        Promise<T> result = Promise.promise();
        client.request(options).onComplete(ar -> {
            if (ar.failed()) {
                result.tryFail(ar.cause());
                return;
            }
            HttpClientRequest request = ar.result();
            // Also receives the errors of our own resets; once the result is settled they change nothing.
            request.exceptionHandler(result::tryFail);
            request.authority(authority(uri));
            long timer = vertx.setTimer(timeoutMillis, id -> {
                TimeoutException timeout = new TimeoutException(timeoutMessage);
                if (result.tryFail(timeout)) {
                    request.reset(0, timeout);
                }
            });
            result.future().onComplete(done -> vertx.cancelTimer(timer));
            (body == null ? request.send() : request.send(body)).onComplete(sent -> {
                if (sent.failed()) {
                    result.tryFail(sent.cause());
                } else {
                    reader.read(request, sent.result(), result);
                }
            });
        });
        return result.future();
    }

    /** Basic auth from the URL's user info, as Go's HTTP client sends it when no other credentials are set. */
    private static String userInfoAuthorization(URI uri) {
        String userInfo = uri.getRawUserInfo();
        if (userInfo == null) {
            return null;
        }
        String[] userPass = userInfo.split(":", 2);
        String password = userPass.length > 1 ? decode(userPass[1]) : "";
        KnownSecrets.register(password);
        return "Basic " + Credentials.basicToken(decode(userPass[0]), password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The Host header: with {@code server_name} the options name the TLS server rather than the URL's host. */
    private static HostAndPort authority(URI uri) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        return HostAndPort.create(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : (https ? 443 : 80));
    }

    private static ProxyOptions proxyOptions(String proxyUrl) {
        if (proxyUrl == null || proxyUrl.isEmpty()) {
            return null;
        }
        URI u = URI.create(proxyUrl);
        ProxyType type = u.getScheme().toLowerCase(Locale.ROOT).startsWith("socks5") ? ProxyType.SOCKS5 : ProxyType.HTTP;
        ProxyOptions p = new ProxyOptions().setType(type).setHost(u.getHost())
                .setPort(u.getPort() > 0 ? u.getPort() : (type == ProxyType.SOCKS5 ? 1080 : 80));
        if (u.getRawUserInfo() != null) {
            String[] userPass = u.getRawUserInfo().split(":", 2);
            p.setUsername(decode(userPass[0]));
            if (userPass.length > 1) {
                String password = decode(userPass[1]);
                KnownSecrets.register(password);
                p.setPassword(password);
            }
        }
        return p;
    }
}
