package io.promrelay;

import io.promrelay.config.ByteSize;
import io.promrelay.config.Config;
import io.promrelay.config.ConfigException;
import io.promrelay.config.ConfigLoader;
import io.promrelay.config.ExternalLabels;
import io.promrelay.config.PrometheusDuration;
import io.promrelay.config.RelayConfig;
import io.promrelay.config.Sharding;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Command line entry point; flags use Prometheus's names where Prometheus has one. */
public final class Main {
    private static final String REPLICA_LABEL = "replica";
    /** Restoring a large snapshot is part of starting. */
    private static final long START_TIMEOUT_SECONDS = 60;
    /** Room for writing the snapshot within Kubernetes' default terminationGracePeriodSeconds of 30. */
    private static final long SHUTDOWN_TIMEOUT_SECONDS = 25;
    private static final String USAGE = """
            usage: java -jar promrelay.jar [flags]
                   java -jar promrelay.jar check-target --config.file=FILE --job=JOB [--target=ADDR]

              --config.file=FILE            configuration file (default config/promrelay.yml)
              --web.listen-address=ADDR     host:port to serve HTTP on (overrides promrelay.listen_address)
              --web.config.file=FILE        TLS and basic auth for the HTTP server, in Prometheus's web config
                                            format; re-read when it or its certificate files change
              --web.enable-remote-write-receiver
                                            serve POST /api/v1/write (off by default, as in Prometheus)
              --storage.retention=DURATION  how long samples stay in the buffer, e.g. 2h (overrides promrelay.retention)
              --storage.max-bytes=SIZE      byte cap of the buffer, e.g. 512MiB (overrides promrelay.max_buffer_bytes;
                                            default half the maximum heap)
              --storage.path=DIR            data directory: the buffer and remote-write positions are snapshotted
                                            there on shutdown and restored on start (default: none, no snapshot)
              --query.timeout=DURATION      longest a query may take (default 2m)
              --query.max-concurrency=N     queries evaluated at once, more are refused with 503 (default 8)
              --query.max-samples=N         samples a query may hold in memory at once (default 50000000)
              --shard.count=N               split the targets of every job among N replicas (hashmod of __address__)
              --shard.index=K               the shard this replica scrapes, 0..N-1 (default: the trailing ordinal
                                            of HOSTNAME, as a StatefulSet pod promrelay-K has); adds shard="K"
                                            to the external labels
              --web.enable-lifecycle        let POST /-/reload reload the config and POST /-/quit stop the relay
                                            (without it both answer 403); SIGHUP always reloads
              --replica=NAME                add replica="NAME" to the external labels, for HA pairs that a receiver
                                            (Mimir, Thanos, VictoriaMetrics) deduplicates
              --check-config=FILE           validate a configuration file, print the result, exit 0 or 1
              --help                        show this help

            check-target scrapes the job's targets (or only ADDR, host:port) once with the job's credentials and
            prints each result with the reason and a fix hint when it fails; exits 0 when all are up, else 1.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.setProperty("java.util.logging.manager", ShutdownLogManager.class.getName());
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tLZ %4$s %3$s: %5$s%6$s%n");
        RedactingLogFormatter.installOnRootHandlers();
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code. Blocks while the relay serves. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Flags flags;
        try {
            flags = Flags.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("promrelay: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (flags.help()) {
            out.print(USAGE);
            return 0;
        }
        if (flags.checkConfig() != null) {
            return checkConfig(flags.checkConfig(), out, err);
        }
        if (Flags.CHECK_TARGET.equals(flags.command())) {
            return CheckTargetCommand.run(flags.configFile(), flags.job(), flags.target(), out, err);
        }
        Config config;
        try {
            config = load(flags);
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("promrelay: " + e.getMessage());
            return 1;
        }
        return serve(config, flags, err);
    }

    /** The config file with the flags' overrides; start-up and every reload read it so. */
    private static Config load(Flags flags) throws ConfigException {
        return withOverrides(ConfigLoader.load(flags.configFile()), flags);
    }

    private static int checkConfig(Path file, PrintStream out, PrintStream err) {
        try {
            Config config = ConfigLoader.load(file);
            out.println(file + ": SUCCESS: " + config.scrapeConfigs().size() + " scrape config(s) and "
                    + config.remoteWriteConfigs().size() + " remote write config(s) found");
            return 0;
        } catch (ConfigException e) {
            err.println(file + ": FAILED: " + e.getMessage());
            return 1;
        }
    }

    static Config withOverrides(Config config, Flags flags) {
        RelayConfig r = config.relay();
        String listen = flags.listenAddress() != null ? flags.listenAddress() : r.listenAddress();
        HostPort.parse(listen);
        Duration retention = flags.retention() != null ? PrometheusDuration.parse(flags.retention()) : r.retention();
        if (retention.isZero() || retention.isNegative()) {
            throw new IllegalArgumentException("--storage.retention must be positive");
        }
        long maxBufferBytes = flags.maxBufferBytes() != null ? maxBytesFlag(flags.maxBufferBytes()) : r.maxBufferBytes();
        if (maxBufferBytes <= 0) {
            throw new IllegalArgumentException("--storage.max-bytes must be positive");
        }
        RelayConfig relay = new RelayConfig(listen, retention, r.maxActiveSeries(), r.maxScrapeConcurrency(),
                maxBufferBytes);
        Config overridden = new Config(config.file(), config.global(), relay, config.scrapeConfigs(),
                config.remoteWriteConfigs());
        if (flags.replica() != null) {
            overridden = ExternalLabels.with(overridden, REPLICA_LABEL, flags.replica());
        }
        if (flags.shardCount() == null) {
            return overridden;
        }
        return Sharding.of(flags.shardCount(), flags.shardIndex(), System.getenv("HOSTNAME")).applyTo(overridden);
    }

    private static long maxBytesFlag(String value) {
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--storage.max-bytes: " + e.getMessage(), e);
        }
    }

    private static int serve(Config config, Flags flags, PrintStream err) {
        ReloadSignal sighup = ReloadSignal.install();
        Vertx vertx = Vertx.vertx();
        // /-/quit leaves through System.exit, so the shutdown hook below closes the relay as on SIGTERM; exit is
        // called from a thread of its own because the hook needs the event loop that answered the request.
        Lifecycle lifecycle = new Lifecycle(() -> load(flags), flags.enableLifecycle(),
                () -> new Thread(() -> System.exit(0), "promrelay-quit").start());
        Relay relay;
        try {
            relay = Relay.start(vertx, config, flags.query(), lifecycle, flags.web(), flags.storagePath())
                    .await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            err.println("promrelay: cannot start: " + e.getMessage());
            vertx.close();
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                relay.close().compose(v -> vertx.close()).await(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                err.println("promrelay: unclean shutdown: " + e.getMessage());
            }
            stopped.countDown();
        }, "promrelay-shutdown"));
        sighup.reloads(relay);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
