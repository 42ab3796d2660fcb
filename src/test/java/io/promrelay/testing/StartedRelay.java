package io.promrelay.testing;

import io.promrelay.Lifecycle;
import io.promrelay.QuerySettings;
import io.promrelay.Relay;
import io.promrelay.WebSettings;
import io.promrelay.config.Config;
import io.promrelay.config.ConfigException;
import io.promrelay.config.ConfigLoader;
import io.promrelay.storage.Head;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** A relay started in this JVM from a YAML config, seen from outside through its HTTP API. */
public final class StartedRelay implements AutoCloseable {
    private static final String CONFIG_HEAD = """
            promrelay:
              listen_address: 127.0.0.1:0
              retention: 2h
            global: {scrape_interval: 1s}
            scrape_configs:
            """;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TARGET_TIMEOUT = Duration.ofSeconds(30);

    private final Relay relay;

    private StartedRelay(Relay relay) {
        this.relay = relay;
    }

    /**
     * Starts a relay on a free port of 127.0.0.1 with a 1s global scrape interval and {@code scrapeConfigs} (the
     * YAML entries of the {@code scrape_configs} list); the config is written to promrelay.yml in {@code dir}.
     */
    public static StartedRelay startScrapingEverySecond(Vertx vertx, Path dir, String scrapeConfigs)
            throws ConfigException {
        return start(vertx, dir, CONFIG_HEAD + scrapeConfigs);
    }

    /** As {@link #startScrapingEverySecond(Vertx, Path, String)}, forwarding to the {@code remote_write} entries given. */
    public static StartedRelay startScrapingEverySecond(Vertx vertx, Path dir, String scrapeConfigs,
                                                        String remoteWrites) throws ConfigException {
        return start(vertx, dir, CONFIG_HEAD + scrapeConfigs + "remote_write:\n" + remoteWrites);
    }

    /**
     * Starts a relay from a whole YAML config, for tests that need global or promrelay settings of their own;
     * its listen_address should be 127.0.0.1:0. The config is written to promrelay.yml in {@code dir}.
     */
    public static StartedRelay start(Vertx vertx, Path dir, String configYaml) throws ConfigException {
        return start(vertx, dir, configYaml, QuerySettings.DEFAULTS);
    }

    /** As {@link #start(Vertx, Path, String)}, with the query API's settings (the --query.* flags). */
    public static StartedRelay start(Vertx vertx, Path dir, String configYaml, QuerySettings querySettings)
            throws ConfigException {
        return start(vertx, dir, configYaml, querySettings, WebSettings.DEFAULTS);
    }

    /** As {@link #start(Vertx, Path, String)}, with the --web.* flags' settings (receiver, web config file). */
    public static StartedRelay start(Vertx vertx, Path dir, String configYaml, WebSettings web)
            throws ConfigException {
        return start(vertx, dir, configYaml, QuerySettings.DEFAULTS, web);
    }

    /** As {@link #start(Vertx, Path, String)}, with the --query.* and the --web.* flags' settings. */
    public static StartedRelay start(Vertx vertx, Path dir, String configYaml, QuerySettings querySettings,
                                     WebSettings web) throws ConfigException {
        Path file = TestFiles.write(dir.resolve("promrelay.yml"), configYaml);
        return start(vertx, ConfigLoader.parse(configYaml, file), querySettings, web);
    }

    /**
     * As {@link #start(Vertx, Path, String)} with the lifecycle API on, as {@code --web.enable-lifecycle} turns it
     * on: {@code POST /-/reload} reads promrelay.yml in {@code dir} again, {@code POST /-/quit} closes the relay.
     */
    public static StartedRelay startWithLifecycleApi(Vertx vertx, Path dir, String configYaml)
            throws ConfigException {
        Path file = TestFiles.write(dir.resolve("promrelay.yml"), configYaml);
        CompletableFuture<Relay> started = new CompletableFuture<>();
        Lifecycle lifecycle = new Lifecycle(() -> ConfigLoader.load(file), true, () -> started.thenAccept(Relay::close));
        Relay.start(vertx, ConfigLoader.load(file), QuerySettings.DEFAULTS, lifecycle).onComplete(ar -> {
            if (ar.succeeded()) {
                started.complete(ar.result());
            } else {
                started.completeExceptionally(ar.cause());
            }
        });
        return new StartedRelay(await(started, "relay start"));
    }

    /**
     * As {@link #start(Vertx, Path, String)} with a data directory ({@code --storage.path}): a snapshot there is
     * restored at start, and {@link #close()} writes one.
     */
    public static StartedRelay startWithDataDirectory(Vertx vertx, Path dir, String configYaml, Path dataDirectory)
            throws ConfigException {
        Path file = TestFiles.write(dir.resolve("promrelay.yml"), configYaml);
        return start(vertx, ConfigLoader.parse(configYaml, file), QuerySettings.DEFAULTS, WebSettings.DEFAULTS,
                dataDirectory);
    }

    /** Starts a relay from a config already loaded (and perhaps changed as a flag changes it). */
    public static StartedRelay start(Vertx vertx, Config config) {
        return start(vertx, config, QuerySettings.DEFAULTS, WebSettings.DEFAULTS);
    }

    private static StartedRelay start(Vertx vertx, Config config, QuerySettings querySettings, WebSettings web) {
        return start(vertx, config, querySettings, web, null);
    }

    private static StartedRelay start(Vertx vertx, Config config, QuerySettings querySettings, WebSettings web,
                                      Path dataDirectory) {
        Lifecycle lifecycle = Lifecycle.webDisabled(() -> ConfigLoader.load(config.file()));
        return new StartedRelay(await(Relay.start(vertx, config, querySettings, lifecycle, web, dataDirectory)
                .toCompletionStage().toCompletableFuture(), "relay start"));
    }

    /** Every path the relay's HTTP server routes. */
    public List<String> httpPaths() {
        return relay.httpPaths();
    }

    /** The relay's buffer, to compare what it holds with what a receiver got. */
    public Head head() {
        return relay.head();
    }

    /** The value of the first sample of metric {@code name} on the relay's /metrics whose line contains {@code part}. */
    public OptionalDouble metric(String name, String part) {
        for (String line : Http.getOk(uri("/metrics")).split("\n")) {
            if ((line.startsWith(name + "{") || line.startsWith(name + " ")) && line.contains(part)) {
                return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return OptionalDouble.empty();
    }

    /** host:port as a scrape target. */
    public String address() {
        return "127.0.0.1:" + relay.httpPort();
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://" + address() + pathAndQuery);
    }

    /** The /federate answer for one series selector. */
    public String federate(String selector) {
        return Http.getOk(uri("/federate?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)));
    }

    /** The entry of /api/v1/targets' activeTargets whose job label is {@code job}, if there is one. */
    public Optional<JsonObject> target(String job) {
        JsonObject answer = new JsonObject(Http.getOk(uri("/api/v1/targets")));
        return answer.getJsonObject("data").getJsonArray("activeTargets").stream()
                .map(JsonObject.class::cast)
                .filter(target -> job.equals(target.getJsonObject("labels").getString("job")))
                .findFirst();
    }

    /** Every entry of /api/v1/targets' activeTargets whose job label is {@code job}. */
    public List<JsonObject> targets(String job) {
        JsonObject answer = new JsonObject(Http.getOk(uri("/api/v1/targets")));
        return answer.getJsonObject("data").getJsonArray("activeTargets").stream()
                .map(JsonObject.class::cast)
                .filter(target -> job.equals(target.getJsonObject("labels").getString("job")))
                .toList();
    }

    /** /api/v1/targets' discoveryFailures entries of {@code job}: failed refreshes, by mechanism. */
    public List<JsonObject> discoveryFailures(String job) {
        JsonObject answer = new JsonObject(Http.getOk(uri("/api/v1/targets")));
        return answer.getJsonObject("data").getJsonArray("discoveryFailures").stream()
                .map(JsonObject.class::cast)
                .filter(failure -> job.equals(failure.getString("scrapePool")))
                .toList();
    }

    /** The {@code __address__} of every target of {@code job}, from its discovered labels. */
    public Set<String> addresses(String job) {
        return targets(job).stream()
                .map(t -> t.getJsonObject("discoveredLabels").getString("__address__"))
                .collect(Collectors.toSet());
    }

    /**
     * Waits until the targets of {@code job} have exactly the addresses {@code expected}; on timeout shows the
     * last addresses seen followed by {@code more}.
     */
    public void awaitAddresses(String job, Set<String> expected, Duration timeout, Supplier<String> more) {
        Await.until("job " + job + " to have targets " + expected, timeout,
                () -> addresses(job).equals(expected) ? Optional.of(true) : Optional.empty(),
                () -> "last seen: " + addresses(job) + more.get());
    }

    /** Waits until every target of {@code job} is up; on timeout shows the targets last seen. */
    public void awaitAllUp(String job, Duration timeout) {
        Await.until("every target of " + job + " up", timeout,
                () -> targets(job).stream().allMatch(t -> "up".equals(t.getString("health")))
                        ? Optional.of(true) : Optional.empty(),
                () -> "last seen: " + targets(job));
    }

    /** The discovered labels of the target of {@code job} at {@code address}; throws when there is none. */
    public Map<String, Object> discoveredLabels(String job, String address) {
        return targets(job).stream()
                .map(t -> t.getJsonObject("discoveredLabels"))
                .filter(labels -> address.equals(labels.getString("__address__")))
                .findFirst().map(JsonObject::getMap).orElseThrow();
    }

    /** Only the {@code __meta_} labels of {@code labels}. */
    public static Map<String, Object> meta(Map<String, Object> labels) {
        return labels.entrySet().stream().filter(e -> e.getKey().startsWith("__meta_"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The relay's own metrics, as /metrics serves them. */
    public String metrics() {
        return Http.getOk(uri("/metrics"));
    }

    /** Waits until the target of {@code job} satisfies {@code state}; on timeout shows the last entry seen. */
    public JsonObject awaitTarget(String job, String what, Predicate<JsonObject> state) {
        return Await.until("target of job " + job + " to be " + what, TARGET_TIMEOUT,
                () -> target(job).filter(state),
                () -> "last seen: " + target(job).map(JsonObject::encodePrettily).orElse("(no such target)"));
    }

    @Override
    public void close() {
        await(relay.close().toCompletionStage().toCompletableFuture(), "relay close");
    }

    private static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError(what + " failed", e);
        }
    }
}
