package io.promrelay.discovery.dns;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.dns.DnsClient;
import io.vertx.core.dns.DnsClientOptions;
import io.vertx.core.dns.DnsException;
import io.vertx.core.dns.DnsResponseCode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prometheus's lookup with the search path, on Vert.x's non-blocking DNS client. Each candidate name (see
 * {@link ResolvConf#nameList}) is asked of the nameservers in order until one gives a viable answer: records
 * (possibly none) or "no such name". The first name with records wins; when every name does not exist the
 * answer is empty; when some name got no viable answer from any server the lookup fails, so the caller keeps
 * what it had rather than dropping targets on a resolver hiccup.
 */
final class DnsLookup {
    // miekg/dns's default read timeout, which Prometheus uses.
    private static final long QUERY_TIMEOUT_MILLIS = 2_000;

    /** One query of the configured record type. */
    interface Query<T> {
        Future<List<T>> ask(DnsClient client, String fqdn);
    }

    private final Vertx vertx;
    private final Map<String, DnsClient> clients = new ConcurrentHashMap<>();

    DnsLookup(Vertx vertx) {
        this.vertx = vertx;
    }

    <T> Future<List<T>> lookup(ResolvConf conf, String name, Query<T> query) {
        if (conf.servers().isEmpty()) {
            return Future.failedFuture("could not resolve \"" + name + "\": no nameserver configured");
        }
        return search(conf, name, conf.nameList(name), 0, "", query);
    }

    void close() {
        clients.values().forEach(DnsClient::close);
        clients.clear();
    }

    /** {@code errors} holds why earlier candidates got no viable answer; empty while every answer was viable. */
    private <T> Future<List<T>> search(ResolvConf conf, String name, List<String> candidates, int index,
                                       String errors, Query<T> query) {
        if (index == candidates.size()) {
            return errors.isEmpty() ? Future.succeededFuture(List.of()) : Future.failedFuture("could not resolve \""
                    + name + "\": all servers responded with errors to at least one search domain: " + errors);
        }
        return fromAnyServer(conf, candidates.get(index), 0, "", query).transform(answer -> {
            if (answer.succeeded() && answer.result().isPresent()) {
                return Future.succeededFuture(answer.result().get());
            }
            String error = answer.failed() ? answer.cause().getMessage() : "";
            String all = errors.isEmpty() || error.isEmpty() ? errors + error : errors + "; " + error;
            return search(conf, name, candidates, index + 1, all, query);
        });
    }

    /** Records, or empty when the name does not exist; fails when no server gave a viable answer. */
    private <T> Future<Optional<List<T>>> fromAnyServer(ResolvConf conf, String fqdn, int server, String errors,
                                                        Query<T> query) {
        if (server == conf.servers().size()) {
            return Future.failedFuture("could not resolve " + fqdn + ": no servers returned a viable answer ("
                    + errors + ")");
        }
        String host = conf.servers().get(server);
        return query.ask(client(host, conf.port()), fqdn).transform(answer -> {
            if (answer.succeeded()) {
                return Future.succeededFuture(Optional.of(answer.result()));
            }
            if (answer.cause() instanceof DnsException e && e.code() == DnsResponseCode.NXDOMAIN) {
                return Future.succeededFuture(Optional.empty());
            }
            String error = host + ":" + conf.port() + ": " + answer.cause().getMessage();
            return fromAnyServer(conf, fqdn, server + 1, errors.isEmpty() ? error : errors + "; " + error, query);
        });
    }

    private DnsClient client(String host, int port) {
        return clients.computeIfAbsent(host + "|" + port, k -> vertx.createDnsClient(new DnsClientOptions()
                .setHost(host).setPort(port).setQueryTimeout(QUERY_TIMEOUT_MILLIS).setRecursionDesired(true)));
    }
}
