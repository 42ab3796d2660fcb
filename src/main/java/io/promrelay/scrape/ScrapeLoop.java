package io.promrelay.scrape;

import io.promrelay.storage.Appender;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Scrapes one target every interval. Each target gets a stable offset within the interval derived
 * from its identity, so a fleet of targets is spread over time instead of being hit at once, and a
 * restart keeps the same rhythm. Fetching runs on the event loop; parsing and appending run on the
 * bounded scrape worker pool, so a 10 MB body never stalls I/O. A loop never overlaps with itself:
 * a tick that finds the previous scrape still processing is skipped and counted.
 */
final class ScrapeLoop {
    private static final Logger LOG = Logger.getLogger(ScrapeLoop.class.getName());
    /**
     * Prometheus snaps within 2 ms; Vert.x timers have millisecond granularity and fire after their
     * deadline on a busy event loop, so a little more slack is needed for the same effect.
     */
    static final long GRID_TOLERANCE_MILLIS = 10;

    private final Vertx vertx;
    private final WorkerExecutor workers;
    private final ScrapeTarget target;
    private final HttpScraper scraper;
    private final SampleIngester ingester;
    private final FailureDiagnosis diagnosis;
    private final ReportSeries report;
    private final Supplier<Appender> appenders;
    private final ScrapeObserver observer;
    private final long intervalMillis;
    private final long offset;
    private final Context context;
    private final Promise<Void> gone = Promise.promise();
    private long timerId = -1;
    private boolean running;
    private boolean stopped;
    private int lastBodySize = 64 * 1024;

    ScrapeLoop(Vertx vertx, WorkerExecutor workers, ScrapeTarget target, HttpScraper scraper, SampleIngester ingester,
               FailureDiagnosis diagnosis, Supplier<Appender> appenders, ScrapeObserver observer, long intervalMillis) {
        this.vertx = vertx;
        this.workers = workers;
        this.target = target;
        this.scraper = scraper;
        this.ingester = ingester;
        this.diagnosis = diagnosis;
        this.report = new ReportSeries(target.labels());
        this.appenders = appenders;
        this.observer = observer;
        this.intervalMillis = intervalMillis;
        this.context = vertx.getOrCreateContext();
        this.offset = offsetOf(target, intervalMillis);
    }

    ScrapeTarget target() {
        return target;
    }

    /** Loop state is only touched on the context the loop was created on, so it needs no locks. */
    void start() {
        context.runOnContext(v -> {
            long now = System.currentTimeMillis();
            scheduleAt(now + Math.floorMod(offset - now, intervalMillis));
        });
    }

    /**
     * Each tick is its own timer aimed at the next point of the target's grid, so timer delays
     * never accumulate into drift and timestamps can be snapped to the grid.
     */
    private void scheduleAt(long gridMillis) {
        timerId = vertx.setTimer(Math.max(1, gridMillis - System.currentTimeMillis()), id -> {
            if (stopped) {
                return;
            }
            long now = System.currentTimeMillis();
            long next = gridMillis + intervalMillis;
            if (next <= now) {
                next = now + Math.floorMod(offset - now, intervalMillis);
            }
            scheduleAt(next);
            tick(gridMillis, now);
        });
    }

    /**
     * Stops the loop; everything the target served becomes stale, as when Prometheus drops a target.
     *
     * @return completes once the last scrape and the staleness markers are committed
     */
    Future<Void> stop() {
        context.runOnContext(v -> {
            stopped = true;
            vertx.cancelTimer(timerId);
            if (!running) {
                markGone();
            }
        });
        return gone.future();
    }

    private static long offsetOf(ScrapeTarget target, long intervalMillis) {
        long h = 0xcbf29ce484222325L;
        for (char c : target.identity().toCharArray()) {
            h = (h ^ c) * 0x100000001b3L;
        }
        return Math.floorMod(h, intervalMillis);
    }

    /**
     * A scrape that starts within {@link #GRID_TOLERANCE_MILLIS} of its grid point is stamped with
     * the grid point, as Prometheus does by default: regular timestamps make every timestamp's
     * delta-of-delta zero, which is most of the buffer's compression.
     */
    private void tick(long gridMillis, long nowMillis) {
        if (running) {
            observer.skipped(target);
            return;
        }
        running = true;
        long startMillis = Math.abs(nowMillis - gridMillis) <= GRID_TOLERANCE_MILLIS ? gridMillis : nowMillis;
        long startNanos = System.nanoTime();
        scraper.scrape(target.url(), lastBodySize).onComplete(fetched -> {
            if (fetched.succeeded()) {
                lastBodySize = fetched.result().length();
            }
            workers.executeBlocking(() -> process(fetched, startMillis, startNanos), false)
                    .onComplete(done -> finish(done.succeeded() ? done.result()
                            : new Outcome(internalError(done.cause()), 0, IngestResult.EMPTY), startMillis));
        });
    }

    /** How a scrape ended; {@code failure} is null for a successful one. */
    private record Outcome(ScrapeFailure failure, double durationSeconds, IngestResult result) {
        boolean up() {
            return failure == null;
        }
    }

    /** Runs on a scrape worker: the body's samples, or staleness for all on failure, then the report. */
    private Outcome process(AsyncResult<ScrapeBody> fetched, long startMillis, long startNanos) {
        ScrapeFailure failure = fetched.failed() ? asScrapeFailure(fetched.cause()) : null;
        IngestResult result = IngestResult.EMPTY;
        Appender app = appenders.get();
        if (failure == null) {
            try {
                result = ingester.ingest(fetched.result(), startMillis, app);
                app.commit();
            } catch (ScrapeFailure e) {
                app.rollback();
                failure = e;
                result = e.partial();
                app = appenders.get();
            } catch (RuntimeException e) {
                app.rollback();
                failure = internalError(e);
                app = appenders.get();
            }
        }
        if (failure != null) {
            ingester.markAllStale(startMillis, app);
            app.commit();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Appender reportApp = appenders.get();
        report.append(reportApp, startMillis, failure == null, seconds, result);
        reportApp.commit();
        return new Outcome(failure, seconds, result);
    }

    private void finish(Outcome outcome, long startMillis) {
        running = false;
        ScrapeTarget.LastScrape before = target.lastScrape();
        ScrapeTarget.LastScrape after = outcome.up()
                ? new ScrapeTarget.LastScrape(TargetHealth.UP, "", Diagnosis.NONE, startMillis, outcome.durationSeconds())
                : new ScrapeTarget.LastScrape(TargetHealth.DOWN, outcome.failure().getMessage(),
                        diagnosis.diagnose(outcome.failure(), target.url()), startMillis, outcome.durationSeconds());
        target.report(after);
        TargetStateLog.log(target, before, after);
        observer.scraped(target, outcome.up(), outcome.durationSeconds(), outcome.result());
        if (stopped) {
            markGone();
        }
    }

    private void markGone() {
        workers.executeBlocking(() -> {
            long now = System.currentTimeMillis();
            Appender app = appenders.get();
            ingester.markAllStale(now, app);
            report.appendStale(app, now);
            app.commit();
            return null;
        }, false).onComplete(done -> gone.tryComplete());
    }

    private static ScrapeFailure asScrapeFailure(Throwable e) {
        return e instanceof ScrapeFailure f ? f : internalError(e);
    }

    private static ScrapeFailure internalError(Throwable e) {
        LOG.warning("scrape processing failed: " + e);
        return new ScrapeFailure("internal error while processing the scrape: " + e, new FailureEvidence.Thrown(e));
    }
}
