package io.promrelay.discovery.etcd;

import io.promrelay.config.EtcdSdConfig;
import io.promrelay.discovery.DiscoveryProvider;
import io.promrelay.discovery.RefreshFailures;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * {@code etcd_sd_configs}: lists the SkyDNS records under the prefix, then follows them with a watch from the
 * next revision, so a registered or removed exporter reaches the scrape set at once instead of after a DNS
 * cache expiry. A broken watch or failed list keeps the last targets, is counted, and is retried with backoff
 * by listing again; so is a watch whose revision was compacted away. The whole prefix is also listed again
 * every refresh_interval. All targets form one group whose source is the prefix.
 */
public final class EtcdDiscovery implements DiscoveryProvider {
    private static final Logger LOG = Logger.getLogger(EtcdDiscovery.class.getName());
    private static final long FIRST_RETRY_MILLIS = 250;
    private static final long MAX_RETRY_MILLIS = 30_000;

    private final Vertx vertx;
    private final EtcdSdConfig config;
    private final RefreshFailures failures;
    private final EtcdGateway gateway;
    private final Map<String, Labels> targetsByKey = new TreeMap<>();
    private Consumer<List<TargetGroup>> onGroups;
    private List<Labels> reported;
    private long revision;
    // Bumped on every new list, so that answers to an abandoned list or watch are ignored.
    private int generation;
    private EtcdGateway.Watch watch;
    private long retryMillis = FIRST_RETRY_MILLIS;
    private long relistTimer = -1;
    private long retryTimer = -1;
    private boolean stopped;

    public EtcdDiscovery(Vertx vertx, EtcdSdConfig config, RefreshFailures failures) {
        this.vertx = vertx;
        this.config = config;
        this.failures = failures;
        this.gateway = new EtcdGateway(vertx, config);
    }

    @Override
    public synchronized void start(Consumer<List<TargetGroup>> onGroups) {
        this.onGroups = onGroups;
        list();
        relistTimer = vertx.setPeriodic(config.refreshInterval().toMillis(), id -> list());
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        vertx.cancelTimer(relistTimer);
        vertx.cancelTimer(retryTimer);
        abandonWatch();
        gateway.close();
    }

    private synchronized void list() {
        if (stopped) {
            return;
        }
        abandonWatch();
        vertx.cancelTimer(retryTimer);
        int current = generation;
        gateway.range(config.prefix()).onComplete(answer -> listed(current, answer));
    }

    private synchronized void listed(int listGeneration, AsyncResult<EtcdGateway.Range> answer) {
        if (stopped || listGeneration != generation) {
            return;
        }
        if (answer.failed()) {
            failed("listing " + config.prefix() + " failed: " + answer.cause().getMessage());
            return;
        }
        EtcdGateway.Range range = answer.result();
        targetsByKey.clear();
        range.kvs().forEach(this::put);
        revision = range.revision();
        retryMillis = FIRST_RETRY_MILLIS;
        report();
        gateway.watch(config.prefix(), revision + 1, message -> watched(listGeneration, message))
                .onComplete(started -> watchStarted(listGeneration, started));
    }

    private synchronized void watchStarted(int listGeneration, AsyncResult<EtcdGateway.Watch> started) {
        if (started.failed()) {
            if (listGeneration == generation && !stopped) {
                failed("watch failed: " + started.cause().getMessage());
            }
            return;
        }
        if (stopped || listGeneration != generation) {
            started.result().cancel();
            return;
        }
        watch = started.result();
        watch.ended().onFailure(e -> watchBroke(listGeneration, e.getMessage()));
    }

    private synchronized void watchBroke(int listGeneration, String reason) {
        if (!stopped && listGeneration == generation) {
            failed("watch broke: " + reason);
        }
    }

    private synchronized void watched(int listGeneration, JsonObject message) {
        if (stopped || listGeneration != generation) {
            return;
        }
        JsonObject error = message.getJsonObject("error");
        if (error != null) {
            failed("watch failed: " + error.getString("message", error.encode()));
            return;
        }
        JsonObject result = message.getJsonObject("result", new JsonObject());
        long compactRevision = Long.parseLong(result.getValue("compact_revision", "0").toString());
        if (result.getBoolean("canceled", false) || compactRevision > 0) {
            LOG.info("etcd discovery of " + config.prefix() + ": the watch was cancelled ("
                    + result.getString("cancel_reason", "revision compacted") + "), listing again");
            list();
            return;
        }
        boolean changed = false;
        JsonArray events = result.getJsonArray("events", new JsonArray());
        for (int i = 0; i < events.size(); i++) {
            JsonObject event = events.getJsonObject(i);
            EtcdGateway.KeyValue kv = EtcdGateway.keyValue(event.getJsonObject("kv", new JsonObject()));
            // The gateway leaves out the type of a PUT, the enum's default value.
            if ("DELETE".equals(event.getString("type"))) {
                changed |= targetsByKey.remove(kv.key()) != null;
            } else {
                changed |= put(kv);
            }
        }
        revision = Math.max(revision, EtcdGateway.revision(result));
        if (changed) {
            report();
        }
    }

    /** Records the key's target; a value that is not a SkyDNS service removes the key from the targets. */
    private boolean put(EtcdGateway.KeyValue kv) {
        try {
            Labels target = SkyDnsRecord.target(config.prefix(), kv.key(), kv.value());
            return !target.equals(targetsByKey.put(kv.key(), target));
        } catch (IllegalArgumentException e) {
            LOG.warning("etcd discovery: key " + kv.key() + " is not a target: " + e.getMessage());
            return targetsByKey.remove(kv.key()) != null;
        }
    }

    private void report() {
        List<Labels> targets = List.copyOf(targetsByKey.values());
        if (!targets.equals(reported)) {
            reported = targets;
            onGroups.accept(List.of(new TargetGroup("etcd:" + config.prefix(), targets, Labels.EMPTY)));
        }
    }

    /** Counts the failure and lists again after a growing delay, keeping the targets known so far. */
    private void failed(String reason) {
        failures.failed(reason);
        abandonWatch();
        long delay = retryMillis;
        retryMillis = Math.min(MAX_RETRY_MILLIS, retryMillis * 2);
        retryTimer = vertx.setTimer(delay, id -> list());
    }

    private void abandonWatch() {
        generation++;
        if (watch != null) {
            watch.cancel();
            watch = null;
        }
    }
}
