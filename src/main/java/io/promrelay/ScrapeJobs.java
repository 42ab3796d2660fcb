package io.promrelay;

import io.promrelay.config.ScrapeConfig;
import io.promrelay.discovery.DiscoveryObserver;
import io.promrelay.discovery.DiscoveryProviders;
import io.promrelay.discovery.JobDiscovery;
import io.promrelay.metrics.RelayMetrics;
import io.promrelay.scrape.ScrapePool;
import io.promrelay.storage.Head;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The running scrape jobs, each a {@link ScrapePool} fed by the job's {@link JobDiscovery}. A new job list is
 * applied as a difference: a job whose config equals the running one keeps its pool, scrape loops, caches and
 * discovery untouched, so it misses no scrape; a changed job's pool stops (its targets' series get stale
 * markers, as when Prometheus drops a target) and a pool built from the new config takes over at its targets'
 * next scrape; a new job starts; a removed job stops.
 */
final class ScrapeJobs {
    private record Job(ScrapePool pool, JobDiscovery discovery) {
        Future<Void> stop() {
            discovery.stop();
            return pool.stop();
        }
    }

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final HttpClient client;
    private final Head head;
    private final RelayMetrics metrics;
    private Map<String, Job> running = Map.of();
    private boolean discovering;
    private volatile List<ScrapePool> pools = List.of();

    ScrapeJobs(Vertx vertx, WorkerExecutor workers, HttpClient client, Head head, RelayMetrics metrics) {
        this.vertx = vertx;
        this.workers = workers;
        this.client = client;
        this.head = head;
        this.metrics = metrics;
    }

    /**
     * Makes {@code configs} the running jobs. Every new pool and discovery is built before anything running is
     * touched, so a failure to build one leaves the running jobs as they were.
     */
    synchronized ConfigChanges update(List<ScrapeConfig> configs) {
        Map<String, ScrapeConfig> wanted = new LinkedHashMap<>();
        configs.forEach(c -> wanted.put(c.jobName(), c));
        Map<String, ScrapeConfig> current = new LinkedHashMap<>();
        running.forEach((name, job) -> current.put(name, job.pool().config()));
        ConfigChanges changes = ConfigChanges.between(current, wanted, ScrapeConfig::equals);
        Map<String, Job> next = new LinkedHashMap<>();
        for (ScrapeConfig config : configs) {
            String name = config.jobName();
            next.put(name, changes.unchanged().contains(name) ? running.get(name) : create(config));
        }
        running.forEach((name, job) -> {
            if (next.get(name) != job) {
                job.stop();
            }
        });
        Map<String, Job> previous = running;
        running = next;
        pools = next.values().stream().map(Job::pool).toList();
        if (discovering) {
            next.forEach((name, job) -> {
                if (previous.get(name) != job) {
                    job.discovery().start();
                }
            });
        }
        return changes;
    }

    private Job create(ScrapeConfig config) {
        ScrapePool pool = new ScrapePool(vertx, workers, client, config, head::appender, head.metadata(), metrics);
        DiscoveryObserver observer = (job, mechanism, reason) -> {
            metrics.refreshFailed(job, mechanism, reason);
            pool.discoveryFailed(mechanism, reason);
        };
        return new Job(pool, new JobDiscovery(DiscoveryProviders.forJob(vertx, config, observer), pool::sync));
    }

    /** Starts discovering the targets of every job; jobs added later start at once. */
    synchronized void start() {
        discovering = true;
        running.values().forEach(job -> job.discovery().start());
    }

    /** Stops every job; completes once each pool's last scrapes and staleness markers are in the buffer. */
    synchronized Future<Void> stop() {
        discovering = false;
        return Future.join(running.values().stream().map(Job::stop).toList()).mapEmpty();
    }

    /** The pools in config order, for the targets API and pages. */
    List<ScrapePool> pools() {
        return pools;
    }
}
