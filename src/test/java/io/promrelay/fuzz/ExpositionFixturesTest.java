package io.promrelay.fuzz;

import io.promrelay.testing.SharedFixtures;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The exposition fuzzers' property over every real payload and conformance case in the shared
 * fixtures, whole, in both formats: the seeds the fuzzers start from must themselves pass.
 */
class ExpositionFixturesTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureHoldsTheFuzzProperty() {
        SharedFixtures.require("exposition");
        return FixtureSeeds.expositionFiles().stream().flatMap(file -> Stream.of(
                DynamicTest.dynamicTest("text " + file.getParent().getFileName() + "/" + file.getFileName(),
                        () -> ExpositionProperty.check(ExpositionProperty.TEXT_CONTENT_TYPE, Files.readAllBytes(file))),
                DynamicTest.dynamicTest("openmetrics " + file.getParent().getFileName() + "/" + file.getFileName(),
                        () -> ExpositionProperty.check(ExpositionProperty.OPENMETRICS_CONTENT_TYPE, Files.readAllBytes(file)))));
    }
}
