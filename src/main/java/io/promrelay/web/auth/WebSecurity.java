package io.promrelay.web.auth;

import io.promrelay.config.ConfigException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The relay's HTTP server security from {@code --web.config.file}: TLS settings for the server, a guard in front of
 * every route, and a periodic check of the web config file and the files it names. A changed set of files is
 * applied without a restart (new certificates through {@link HttpServer#updateSSLOptions}, the user table swapped
 * whole); a broken one is logged and the running settings stay. Without a web config file everything is open.
 */
public final class WebSecurity {
    private static final Logger LOG = Logger.getLogger(WebSecurity.class.getName());
    /** How often the files are looked at; Prometheus re-reads them per connection, a few seconds is close enough. */
    public static final Duration CHECK_INTERVAL = Duration.ofSeconds(2);

    private final Vertx vertx;
    private final Path file;
    private final WorkerExecutor worker;
    private final BasicAuthGuard guard;
    private final ServerSSLOptions initialSsl;
    private final AtomicBoolean checking = new AtomicBoolean();
    /** Digest of the files last looked at, applied or not, so a broken file is reported once and not every check. */
    private volatile String lastDigest;
    private long timer = -1;

    private WebSecurity(Vertx vertx, Path file, WorkerExecutor worker, Settings settings, String digest) {
        this.vertx = vertx;
        this.file = file;
        this.worker = worker;
        this.guard = new BasicAuthGuard(settings.rules(), new PasswordCheck(worker));
        this.initialSsl = settings.ssl();
        this.lastDigest = digest;
    }

    /** What one reading of the files amounts to. {@code ssl} is null for plain HTTP. */
    private record Settings(ServerSSLOptions ssl, AccessRules rules) {
        static Settings of(Vertx vertx, WebConfigReading reading) throws ConfigException {
            if (reading.problem() != null) {
                throw reading.problem();
            }
            return new Settings(ServerTlsOptions.build(vertx, reading), AccessRules.of(reading.config()));
        }
    }

    /**
     * Reads the web config file and its certificates on a worker thread; fails with the reason when they are
     * unusable. A null {@code file} means no web config: plain HTTP, no authentication.
     */
    public static Future<WebSecurity> load(Vertx vertx, Path file) {
        // One thread: bcrypt checks run one at a time, as exporter-toolkit does, so guessing cannot take every core.
        WorkerExecutor worker = vertx.createSharedWorkerExecutor("promrelay-web-auth", 1);
        if (file == null) {
            return Future.succeededFuture(new WebSecurity(vertx, null, worker, new Settings(null, AccessRules.OPEN), ""));
        }
        return worker.executeBlocking(() -> {
            WebConfigReading reading = WebConfigReading.read(file);
            return new WebSecurity(vertx, file, worker, Settings.of(vertx, reading), reading.digest());
        }).onFailure(e -> worker.close());
    }

    /** Makes {@code options} serve TLS when the web config asks for it. */
    public void applyTo(HttpServerOptions options) {
        if (initialSsl != null) {
            ServerTlsOptions.applyTo(options, initialSsl);
        }
    }

    public boolean tls() {
        return initialSsl != null;
    }

    /** Puts the guard in front of every route of {@code router}, those added later included. */
    public void install(Router router) {
        router.route().order(Integer.MIN_VALUE).handler(guard);
    }

    /** Starts looking for changes of the files, applying them to {@code server}. */
    public void watch(HttpServer server) {
        if (file != null) {
            timer = vertx.setPeriodic(CHECK_INTERVAL.toMillis(), id -> check(server));
        }
    }

    public void close() {
        vertx.cancelTimer(timer);
        worker.close();
    }

    private void check(HttpServer server) {
        if (!checking.compareAndSet(false, true)) {
            return;
        }
        worker.executeBlocking(this::changedSettings, false)
                .compose(settings -> settings == null ? Future.succeededFuture() : apply(server, settings))
                .onComplete(done -> checking.set(false));
    }

    /** The settings of the files when they changed and are usable, else null (and the reason logged). */
    private Settings changedSettings() {
        WebConfigReading reading = WebConfigReading.read(file);
        if (reading.digest().equals(lastDigest)) {
            return null;
        }
        lastDigest = reading.digest();
        try {
            Settings settings = Settings.of(vertx, reading);
            if ((settings.ssl() != null) != tls()) {
                throw new ConfigException(file + ": turning TLS " + (tls() ? "off" : "on") + " needs a restart");
            }
            return settings;
        } catch (ConfigException e) {
            LOG.warning("web config not applied, the previous settings stay: " + e.getMessage());
            return null;
        }
    }

    private Future<Void> apply(HttpServer server, Settings settings) {
        Future<Boolean> tlsUpdated = settings.ssl() == null ? Future.succeededFuture(false)
                : server.updateSSLOptions(settings.ssl());
        return tlsUpdated.<Void>map(updated -> {
            guard.use(settings.rules());
            LOG.info("web config " + file + " applied: " + (tls() ? "TLS, " : "plain HTTP, ")
                    + settings.rules().users().size() + " basic-auth user(s)");
            return null;
        }).onFailure(e -> LOG.warning("web config " + file + " not applied, the server refused its TLS settings"
                + " and keeps the previous ones: " + e.getMessage()));
    }
}
