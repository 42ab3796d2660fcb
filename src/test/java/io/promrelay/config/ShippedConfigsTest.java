package io.promrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configs shipped in {@code config/} must load and mean what their comments say. */
class ShippedConfigsTest {
    private static final Path CONFIG_DIR = Path.of(System.getProperty("user.dir"), "config");
    private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

    @Test
    void defaultConfigScrapesTheRelayItself() throws ConfigException {
        Config config = ConfigLoader.load(CONFIG_DIR.resolve("promrelay.yml"));
        assertEquals(new RelayConfig("0.0.0.0:9090", Duration.ofHours(2), 2_000_000, 4,
                RelayConfig.DEFAULT.maxBufferBytes()), config.relay());
        ScrapeConfig self = config.scrapeConfigs().get(0);
        assertEquals(1, config.scrapeConfigs().size());
        assertEquals("promrelay", self.jobName());
        assertEquals(Duration.ofSeconds(15), self.scrapeInterval());
        assertEquals(List.of(new StaticConfig(List.of("localhost:9090"), Labels.EMPTY)), self.staticConfigs());
    }

    @Test
    void kubernetesExampleUsesTheServiceAccount() throws ConfigException {
        Config config = ConfigLoader.load(CONFIG_DIR.resolve("kubernetes-static.yml"));
        ScrapeConfig cadvisor = config.scrapeConfigs().get(0);
        assertEquals("kubernetes-cadvisor", cadvisor.jobName());
        assertEquals("https", cadvisor.scheme());
        assertEquals(new Authorization("Bearer", null, SERVICE_ACCOUNT.resolve("token")),
                cadvisor.httpClient().authorization());
        assertEquals(SERVICE_ACCOUNT.resolve("ca.crt"), cadvisor.httpClient().tls().caFile());

        ScrapeConfig nodeExporter = config.scrapeConfigs().get(1);
        assertEquals("node-exporter", nodeExporter.jobName());
        assertEquals("node-exporter.monitoring.svc", nodeExporter.httpClient().tls().serverName());
        assertTrue(nodeExporter.relabelConfigs().size() > 0);
    }

    @Test
    void missingConfigFileIsNamed() {
        Path missing = CONFIG_DIR.resolve("nope.yml");
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigLoader.load(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read config file"), e.getMessage());
    }
}
