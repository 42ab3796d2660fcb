package io.promrelay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.Config;
import io.promrelay.config.ConfigException;
import io.promrelay.config.ConfigLoader;
import io.promrelay.metrics.RelayMetrics;
import io.promrelay.storage.Head;
import io.promrelay.storage.HeadOptions;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How reload requests are run: one at a time, requests made meanwhile sharing the next one, and their outcome. */
class ConfigReloaderTest {
    private static final Path FILE = Path.of("promrelay.yml");

    private final RelayMetrics metrics = new RelayMetrics(new Head(new HeadOptions(Duration.ofHours(1), 1000,
            System::currentTimeMillis)));

    private static Config config(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, FILE);
    }

    @Test
    void reloadsRunOneAtATimeAndRequestsMadeMeanwhileShareTheNext() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicInteger applied = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        ConfigReloader reloader = new ConfigReloader(config(""), () -> config(""), next -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            applied.incrementAndGet();
            firstStarted.countDown();
            await(release);
            running.decrementAndGet();
            return Future.succeededFuture("nothing changed");
        }, metrics);

        Future<Void> first = reloader.reload();
        await(firstStarted);
        List<Future<Void>> meanwhile = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            meanwhile.add(reloader.reload());
        }
        release.countDown();

        get(first);
        for (Future<Void> request : meanwhile) {
            get(request);
        }
        assertEquals(2, applied.get(), "the first reload and one shared by the five made while it ran");
        assertEquals(1, mostAtOnce.get());
    }

    @Test
    void anInvalidFileFailsTheReloadWithTheLoadersMessageAndSetsTheMetricTo0() throws Exception {
        ConfigReloader reloader = new ConfigReloader(config(""), () -> config("scrape_configs: [{job_name: a, x: 1}]"),
                next -> Future.succeededFuture("applied"), metrics);

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> get(reloader.reload()));

        assertTrue(failed.getCause().getMessage().startsWith("promrelay.yml:1:"), failed.getCause().getMessage());
        assertTrue(failed.getCause().getMessage().contains("unknown key \"x\""), failed.getCause().getMessage());
        assertTrue(metrics.scrape().contains("promrelay_config_last_reload_successful 0.0"), metrics.scrape());
    }

    @Test
    void afterCloseReloadsAreRefused() throws Exception {
        ConfigReloader reloader = new ConfigReloader(config(""), () -> config(""),
                next -> Future.succeededFuture("applied"), metrics);

        get(reloader.close());

        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> get(reloader.reload()));
        assertEquals("the relay is shutting down", refused.getCause().getMessage());
        assertTrue(metrics.scrape().contains("promrelay_config_last_reload_successful 1.0"), metrics.scrape());
    }

    private static void get(Future<Void> future) throws Exception {
        future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
