package io.promrelay.scrape;

import io.promrelay.config.ScrapeConfig;
import io.promrelay.discovery.DiscoveryProvider;
import io.promrelay.discovery.DiscoveryProviders;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import io.promrelay.relabel.Relabeler;
import io.promrelay.storage.Appender;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One scrape of a job's targets, for a person at a shell: discovery runs once through the job's own providers,
 * relabeling and credentials are the job's, and bodies go through the same scraper and ingester as in the relay
 * (into a throwaway buffer), so the outcome is what the relay would see.
 */
public final class TargetCheck {
    private static final int EXPECTED_BODY_SIZE = 64 * 1024;

    /** One target's outcome; {@code error} is empty and {@code diagnosis} NONE when it is up. */
    public record Result(String url, boolean up, IngestResult samples, double durationSeconds, String error,
                         Diagnosis diagnosis) {
    }

    /**
     * What discovery found: the targets kept by relabeling, the providers that reported nothing in time,
     * and why discovery refreshes failed.
     */
    public record Discovered(List<ScrapeTarget> targets, int droppedByRelabeling, List<String> silentProviders,
                             List<String> failures) {
    }

    private final Vertx vertx;
    private final ScrapeConfig config;
    private final TargetLabeler labeler;

    public TargetCheck(Vertx vertx, ScrapeConfig config) {
        this.vertx = vertx;
        this.config = config;
        this.labeler = new TargetLabeler(config, Relabeler.compile(config.relabelConfigs()));
    }

    /**
     * Runs each of the job's discovery providers until its first report or until {@code wait} passes. With an
     * {@code address}, keeps only the target scraped at that host:port or with that instance label; when
     * discovery knows none, the address is labeled as a target of its own.
     */
    public Discovered discover(String address, Duration wait) throws InterruptedException {
        List<String> failures = new CopyOnWriteArrayList<>();
        List<DiscoveryProvider> providers = DiscoveryProviders.forJob(vertx, config,
                (job, mechanism, reason) -> failures.add(mechanism + ": " + reason));
        Map<Integer, List<TargetGroup>> reported = new ConcurrentHashMap<>();
        CountDownLatch allReported = new CountDownLatch(providers.size());
        for (int i = 0; i < providers.size(); i++) {
            int index = i;
            providers.get(i).start(groups -> {
                if (reported.putIfAbsent(index, List.copyOf(groups)) == null) {
                    allReported.countDown();
                }
            });
        }
        allReported.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        providers.forEach(DiscoveryProvider::stop);
        List<String> silent = new ArrayList<>();
        List<TargetGroup> groups = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            List<TargetGroup> found = reported.get(i);
            if (found == null) {
                silent.add(providers.get(i).getClass().getSimpleName());
            } else {
                groups.addAll(found);
            }
        }
        return select(groups, address, silent, failures);
    }

    private Discovered select(List<TargetGroup> groups, String address, List<String> silent, List<String> failures) {
        Map<String, ScrapeTarget> kept = new LinkedHashMap<>();
        int dropped = 0;
        for (TargetGroup group : groups) {
            for (Labels t : group.targets()) {
                if (labeler.label(t, group.labels()) instanceof TargetLabeler.Kept k) {
                    kept.putIfAbsent(k.target().identity(), k.target());
                } else {
                    dropped++;
                }
            }
        }
        List<ScrapeTarget> targets = new ArrayList<>(kept.values());
        if (address != null) {
            targets.removeIf(t -> !address.equals(URI.create(t.url()).getRawAuthority())
                    && !address.equals(t.labels().get("instance")));
            if (targets.isEmpty() && labeler.label(Labels.of("__address__", address), Labels.of()) instanceof TargetLabeler.Kept k) {
                targets.add(k.target());
            }
        }
        return new Discovered(List.copyOf(targets), dropped, List.copyOf(silent), List.copyOf(failures));
    }

    /** Scrapes each target once, one after the other; call from a thread that may block, not an event loop. */
    public List<Result> scrape(List<ScrapeTarget> targets) throws InterruptedException {
        HttpClient client = HttpScraper.createClient(vertx);
        try {
            HttpScraper scraper = new HttpScraper(vertx, client, config);
            FailureDiagnosis diagnosis = new FailureDiagnosis(config);
            List<Result> results = new ArrayList<>();
            for (ScrapeTarget target : targets) {
                results.add(scrapeOne(scraper, diagnosis, target));
            }
            return results;
        } finally {
            client.close();
        }
    }

    private Result scrapeOne(HttpScraper scraper, FailureDiagnosis diagnosis, ScrapeTarget target)
            throws InterruptedException {
        long start = System.nanoTime();
        try {
            ScrapeBody body = await(scraper.scrape(target.url(), EXPECTED_BODY_SIZE));
            Head head = new Head(HeadOptions.of(Duration.ofMinutes(5), Long.MAX_VALUE));
            SampleIngester ingester = new SampleIngester(config, target.labels(),
                    Relabeler.compile(config.metricRelabelConfigs()), head.metadata());
            Appender app = head.appender();
            IngestResult result = ingester.ingest(body, System.currentTimeMillis(), app);
            app.commit();
            return new Result(target.url(), true, result, seconds(start), "", Diagnosis.NONE);
        } catch (ScrapeFailure failure) {
            return new Result(target.url(), false, failure.partial(), seconds(start), failure.getMessage(),
                    diagnosis.diagnose(failure, target.url()));
        }
    }

    private static ScrapeBody await(io.vertx.core.Future<ScrapeBody> fetch) throws ScrapeFailure, InterruptedException {
        try {
            return fetch.toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            Throwable cause = Objects.requireNonNullElse(e.getCause(), e);
            throw cause instanceof ScrapeFailure f ? f
                    : new ScrapeFailure(cause.toString(), new FailureEvidence.Thrown(cause));
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
