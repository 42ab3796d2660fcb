package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.onlyJob;
import static io.promrelay.config.ConfigAssertions.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigDefaultsTest {

    @Test
    void emptyFileIsTheAllDefaultsConfig() throws ConfigException {
        for (String text : new String[] {"", "\n", "# only a comment\n", "---\n"}) {
            Config config = parse(text);
            assertEquals(GlobalConfig.DEFAULT, config.global());
            assertEquals(RelayConfig.DEFAULT, config.relay());
            assertEquals(List.of(), config.scrapeConfigs());
            assertEquals(ConfigAssertions.FILE, config.file());
        }
    }

    @Test
    void emptySectionsKeepDefaults() throws ConfigException {
        Config config = parse("global:\npromrelay:\nscrape_configs:\n");
        assertEquals(GlobalConfig.DEFAULT, config.global());
        assertEquals(RelayConfig.DEFAULT, config.relay());
        assertEquals(List.of(), config.scrapeConfigs());
    }

    @Test
    void globalDefaultsAreOneMinuteAndTenSeconds() throws ConfigException {
        GlobalConfig global = parse("global:\n  external_labels: {region: eu}\n").global();
        assertEquals(Duration.ofMinutes(1), global.scrapeInterval());
        assertEquals(Duration.ofSeconds(10), global.scrapeTimeout());
        assertEquals(Labels.of("region", "eu"), global.externalLabels());
    }

    @Test
    void globalTimeoutShrinksToAShortInterval() throws ConfigException {
        assertEquals(Duration.ofSeconds(5), parse("global:\n  scrape_interval: 5s\n").global().scrapeTimeout());
    }

    @Test
    void zeroIntervalMeansUnsetAsInPrometheus() throws ConfigException {
        assertEquals(Duration.ofMinutes(1), parse("global:\n  scrape_interval: 0s\n").global().scrapeInterval());
    }

    @Test
    void scrapeConfigDefaults() throws ConfigException {
        ScrapeConfig job = onlyJob("scrape_configs:\n  - job_name: a\n");
        assertEquals("a", job.jobName());
        assertEquals(Duration.ofMinutes(1), job.scrapeInterval());
        assertEquals(Duration.ofSeconds(10), job.scrapeTimeout());
        assertEquals("/metrics", job.metricsPath());
        assertEquals("http", job.scheme());
        assertTrue(job.params().isEmpty());
        assertFalse(job.honorLabels());
        assertTrue(job.honorTimestamps());
        assertTrue(job.staticConfigs().isEmpty());
        assertTrue(job.fileSdConfigs().isEmpty());
        assertTrue(job.relabelConfigs().isEmpty());
        assertTrue(job.metricRelabelConfigs().isEmpty());
        assertEquals(0, job.sampleLimit());
        assertEquals(0, job.labelLimit());
        assertEquals(0, job.labelNameLengthLimit());
        assertEquals(0, job.labelValueLengthLimit());
        assertEquals(0, job.bodySizeLimit());
        assertEquals(HttpClientConfig.DEFAULT, job.httpClient());
    }

    @Test
    void jobsInheritGlobalIntervalAndTimeout() throws ConfigException {
        ScrapeConfig job = onlyJob("""
                global:
                  scrape_interval: 30s
                  scrape_timeout: 20s
                scrape_configs:
                  - job_name: a
                """);
        assertEquals(Duration.ofSeconds(30), job.scrapeInterval());
        assertEquals(Duration.ofSeconds(20), job.scrapeTimeout());
    }

    @Test
    void globalTimeoutAboveJobIntervalBecomesTheJobInterval() throws ConfigException {
        ScrapeConfig job = onlyJob("""
                global:
                  scrape_timeout: 10s
                scrape_configs:
                  - job_name: fast
                    scrape_interval: 5s
                """);
        assertEquals(Duration.ofSeconds(5), job.scrapeTimeout());
    }

    @Test
    void fileSdRefreshDefaultsToFiveMinutes() throws ConfigException {
        ScrapeConfig job = onlyJob("scrape_configs:\n  - job_name: a\n    file_sd_configs:\n      - files: [t.json]\n");
        assertEquals(Duration.ofMinutes(5), job.fileSdConfigs().get(0).refreshInterval());
    }

    @Test
    void relabelDefaultsAreReplaceWholeValue() throws ConfigException {
        ScrapeConfig job = onlyJob("""
                scrape_configs:
                  - job_name: a
                    relabel_configs:
                      - target_label: env
                """);
        RelabelConfig rc = job.relabelConfigs().get(0);
        assertEquals(new RelabelConfig(List.of(), ";", "(.*)", 0, "env", "$1", RelabelConfig.Action.REPLACE), rc);
    }

    @Test
    void authorizationTypeDefaultsToBearer() throws ConfigException {
        Authorization auth = onlyJob("""
                scrape_configs:
                  - job_name: a
                    authorization:
                      credentials: s3cret
                """).httpClient().authorization();
        assertEquals("Bearer", auth.type());
        assertEquals("s3cret", auth.credentials().reveal());
        assertNull(auth.credentialsFile());
    }
}
