package io.promrelay.scrape;

import io.promrelay.config.ScrapeConfig;
import io.promrelay.discovery.DiscoveryFailure;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import io.promrelay.relabel.Relabeler;
import io.promrelay.storage.Appender;
import io.promrelay.storage.MetadataStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * All targets of one scrape job. Each discovery update is diffed against the running loops: new
 * targets start, vanished ones stop (and go stale), unchanged ones keep their loop and cache.
 */
public final class ScrapePool {
    private static final Logger LOG = Logger.getLogger(ScrapePool.class.getName());

    /** A discovered target that relabeling dropped or that cannot be scraped, for /api/v1/targets. */
    public record DroppedTarget(Labels discoveredLabels, String reason) {
    }

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final ScrapeConfig config;
    private final HttpScraper scraper;
    private final FailureDiagnosis diagnosis;
    private final TargetLabeler labeler;
    private final Relabeler metricRelabeler;
    private final Supplier<Appender> appenders;
    private final MetadataStore metadata;
    private final ScrapeObserver observer;
    private final Map<String, ScrapeLoop> loops = new LinkedHashMap<>();
    private volatile List<DroppedTarget> dropped = List.of();
    private final Map<String, DiscoveryFailure> discoveryFailures = new ConcurrentHashMap<>();

    public ScrapePool(Vertx vertx, WorkerExecutor workers, HttpClient client, ScrapeConfig config,
                      Supplier<Appender> appenders, MetadataStore metadata, ScrapeObserver observer) {
        this.vertx = vertx;
        this.workers = workers;
        this.config = config;
        this.scraper = new HttpScraper(vertx, client, config);
        this.diagnosis = new FailureDiagnosis(config);
        this.labeler = new TargetLabeler(config, Relabeler.compile(config.relabelConfigs()));
        this.metricRelabeler = Relabeler.compile(config.metricRelabelConfigs());
        this.appenders = appenders;
        this.metadata = metadata;
        this.observer = observer;
    }

    public String jobName() {
        return config.jobName();
    }

    public ScrapeConfig config() {
        return config;
    }

    /** Replaces the job's targets with those in the groups. */
    public synchronized void sync(List<TargetGroup> groups) {
        Map<String, ScrapeTarget> wanted = new LinkedHashMap<>();
        List<DroppedTarget> droppedNow = new ArrayList<>();
        for (TargetGroup group : groups) {
            for (Labels t : group.targets()) {
                TargetLabeler.Result result = labeler.label(t, group.labels());
                if (result instanceof TargetLabeler.Kept k) {
                    wanted.putIfAbsent(k.target().identity(), k.target());
                } else if (result instanceof TargetLabeler.Dropped d) {
                    droppedNow.add(new DroppedTarget(d.discoveredLabels(), "dropped by relabeling"));
                } else if (result instanceof TargetLabeler.Invalid inv) {
                    LOG.warning("job " + config.jobName() + ": skipping target: " + inv.reason());
                    droppedNow.add(new DroppedTarget(inv.discoveredLabels(), inv.reason()));
                }
            }
        }
        Map<String, ScrapeLoop> kept = new HashMap<>();
        for (Map.Entry<String, ScrapeLoop> e : loops.entrySet()) {
            if (wanted.containsKey(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
            } else {
                e.getValue().stop();
            }
        }
        loops.clear();
        for (Map.Entry<String, ScrapeTarget> e : wanted.entrySet()) {
            ScrapeLoop loop = kept.get(e.getKey());
            if (loop == null) {
                loop = newLoop(e.getValue());
                loop.start();
            }
            loops.put(e.getKey(), loop);
        }
        dropped = List.copyOf(droppedNow);
    }

    private ScrapeLoop newLoop(ScrapeTarget target) {
        SampleIngester ingester = new SampleIngester(config, target.labels(), metricRelabeler, metadata);
        return new ScrapeLoop(vertx, workers, target, scraper, ingester, diagnosis, appenders, observer,
                config.scrapeInterval().toMillis());
    }

    public synchronized List<ScrapeTarget> activeTargets() {
        List<ScrapeTarget> targets = new ArrayList<>(loops.size());
        loops.values().forEach(l -> targets.add(l.target()));
        return targets;
    }

    public List<DroppedTarget> droppedTargets() {
        return dropped;
    }

    /** Records a failed discovery refresh of this job, for /api/v1/targets and /service-discovery. */
    public void discoveryFailed(String mechanism, String reason) {
        DiscoveryFailure failure = new DiscoveryFailure(mechanism, reason, System.currentTimeMillis(), 1);
        discoveryFailures.merge(mechanism, failure, (old, now) -> now.after(old));
    }

    /** The latest failure of each mechanism that has failed, by mechanism name. */
    public List<DiscoveryFailure> discoveryFailures() {
        return new TreeMap<>(discoveryFailures).values().stream().toList();
    }

    /** Stops every loop; completes once their last scrapes and staleness markers are committed. */
    public synchronized Future<Void> stop() {
        List<Future<Void>> stopped = loops.values().stream().map(ScrapeLoop::stop).toList();
        loops.clear();
        return Future.join(stopped).mapEmpty();
    }
}
