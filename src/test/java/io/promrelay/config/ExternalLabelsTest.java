package io.promrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.promrelay.model.Labels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Labels a flag adds (--replica, the shard) next to the file's external labels. */
class ExternalLabelsTest {
    private static final String CONFIG = """
            global: {external_labels: {cluster: prod, replica: from-file}}
            scrape_configs:
              - job_name: node
                static_configs: [{targets: ["a:1"]}]
            """;

    @Test
    void aFlagLabelIsAddedAndWinsOverTheSameLabelInTheFile() throws ConfigException {
        Config config = ConfigLoader.parse(CONFIG, Path.of("promrelay.yml"));

        Config withReplica = ExternalLabels.with(config, "replica", "promrelay-1");

        assertEquals(Labels.of("cluster", "prod", "replica", "promrelay-1"), withReplica.global().externalLabels());
        assertEquals(config.scrapeConfigs(), withReplica.scrapeConfigs());
    }
}
