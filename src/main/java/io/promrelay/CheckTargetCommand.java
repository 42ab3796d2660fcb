package io.promrelay;

import io.promrelay.config.Config;
import io.promrelay.config.ConfigException;
import io.promrelay.config.ConfigLoader;
import io.promrelay.config.ScrapeConfig;
import io.promrelay.scrape.IngestResult;
import io.promrelay.scrape.TargetCheck;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code check-target}: one scrape of a job's targets, printed for a person; exit 0 when every target is up. */
final class CheckTargetCommand {
    /** Long enough for a file or API discovery's first answer; static targets answer at once. */
    private static final Duration DISCOVERY_WAIT = Duration.ofSeconds(10);

    private CheckTargetCommand() {
    }

    static int run(Path configFile, String jobName, String address, PrintStream out, PrintStream err) {
        Config config;
        try {
            config = ConfigLoader.load(configFile);
        } catch (ConfigException e) {
            err.println("promrelay: " + e.getMessage());
            return 1;
        }
        Optional<ScrapeConfig> job = config.scrapeConfigs().stream().filter(j -> j.jobName().equals(jobName)).findFirst();
        if (job.isEmpty()) {
            err.println("promrelay: " + configFile + " has no job \"" + jobName + "\"; jobs: "
                    + config.scrapeConfigs().stream().map(ScrapeConfig::jobName).toList());
            return 1;
        }
        Vertx vertx = Vertx.vertx();
        try {
            return check(new TargetCheck(vertx, job.get()), jobName, address, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private static int check(TargetCheck check, String jobName, String address, PrintStream out, PrintStream err)
            throws InterruptedException {
        TargetCheck.Discovered discovered = check.discover(address, DISCOVERY_WAIT);
        for (String failure : discovered.failures()) {
            err.println("promrelay: warning: discovery failed: " + failure);
        }
        for (String provider : discovered.silentProviders()) {
            err.println("promrelay: warning: " + provider + " found nothing within " + DISCOVERY_WAIT.toSeconds() + "s");
        }
        if (discovered.targets().isEmpty()) {
            err.println("promrelay: job \"" + jobName + "\" has no target" + (address == null ? "" : " " + address)
                    + " to scrape (" + discovered.droppedByRelabeling() + " dropped by relabeling)");
            return 1;
        }
        out.println("job " + jobName + ": " + discovered.targets().size() + " target(s)");
        List<TargetCheck.Result> results = check.scrape(discovered.targets());
        results.forEach(r -> print(r, out));
        return results.stream().allMatch(TargetCheck.Result::up) ? 0 : 1;
    }

    private static void print(TargetCheck.Result r, PrintStream out) {
        IngestResult samples = r.samples();
        out.println();
        out.println(r.url());
        out.println("  result:   " + (r.up() ? "up" : "down"));
        out.println("  samples:  " + samples.samplesScraped() + " scraped, " + samples.samplesPostRelabel()
                + " after metric relabeling");
        out.println("  duration: " + String.format(Locale.ROOT, "%.3fs", r.durationSeconds()));
        if (!r.up()) {
            out.println("  error:    " + r.error());
            out.println("  kind:     " + r.diagnosis().kind().word());
            if (!r.diagnosis().hint().isEmpty()) {
                out.println("  hint:     " + r.diagnosis().hint());
            }
        }
    }
}
