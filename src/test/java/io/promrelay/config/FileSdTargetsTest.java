package io.promrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.model.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSdTargetsTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static ConfigException assertError(Path file, int line, String path, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> FileSdTargets.parse(file));
        String prefix = file + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ");
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        return e;
    }

    @Test
    void readsJsonAsPrometheusWritesIt() throws Exception {
        Path file = write("targets.json", """
                [
                \t{
                \t\t"targets": ["10.0.0.1:9100", "10.0.0.2:9100"],
                \t\t"labels": {"env": "prod", "team": "infra"}
                \t},
                \t{"targets": ["10.0.0.3:9100"]}
                ]
                """);
        assertEquals(List.of(
                new StaticConfig(List.of("10.0.0.1:9100", "10.0.0.2:9100"),
                        Labels.of("env", "prod", "team", "infra", "__meta_filepath", file.toString())),
                new StaticConfig(List.of("10.0.0.3:9100"), Labels.of("__meta_filepath", file.toString()))),
                FileSdTargets.parse(file));
    }

    @Test
    void readsYaml() throws Exception {
        Path file = write("targets.yml", """
                - targets: [a:80]
                  labels:
                    env: dev
                - targets:
                    - b:80
                """);
        List<StaticConfig> groups = FileSdTargets.parse(file);
        assertEquals(List.of("a:80"), groups.get(0).targets());
        assertEquals("dev", groups.get(0).labels().get("env"));
        assertEquals(List.of("b:80"), groups.get(1).targets());
        assertEquals(file.toString(), groups.get(1).labels().get(FileSdTargets.FILEPATH_LABEL));
    }

    @Test
    void emptyYamlHasNoTargetsButEmptyJsonIsAnError() throws Exception {
        assertEquals(List.of(), FileSdTargets.parse(write("empty.yaml", "")));
        assertError(write("empty.json", ""), 1, "", "empty JSON file");
    }

    @Test
    void errorsNameFileLineAndKey() throws Exception {
        assertError(write("bad-label.json", "[\n  {\"targets\": [\"a:1\"],\n   \"labels\": {\"bad-name\": \"x\"}}\n]\n"),
                3, "[0].labels.bad-name", "\"bad-name\" is not a valid label name");
        assertError(write("unknown.yml", "- targets: [a:1]\n  lables: {a: b}\n"), 2, "[0]", "unknown key \"lables\"");
        assertError(write("notalist.json", "{\"targets\": [\"a:1\"]}"), 1, "", "expected a list, got a mapping");
        assertError(write("null.yml", "- targets: [a:1]\n-\n"), 2, "[1]", "nil target group item found");
        assertError(write("syntax.json", "[\n  {\"targets\": [\"a:1\"]\n]\n"), 3, "", "invalid JSON");
        assertError(write("yaml-in.json", "- targets: [a:1]\n"), 1, "", "invalid JSON");
        assertError(write("syntax.yaml", "- targets: [a:1\n- labels: {}\n"), 2, "", "invalid YAML");
    }

    @Test
    void extensionMustBeJsonOrYaml() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> FileSdTargets.parse(write("t.txt", "[]")));
        assertTrue(e.getMessage().startsWith(dir.resolve("t.txt") + ": "), e.getMessage());
    }

    @Test
    void missingFileIsAConfigError() {
        Path missing = dir.resolve("missing.json");
        ConfigException e = assertThrows(ConfigException.class, () -> FileSdTargets.parse(missing));
        assertTrue(e.getMessage().startsWith(missing + ": cannot read"), e.getMessage());
    }
}
