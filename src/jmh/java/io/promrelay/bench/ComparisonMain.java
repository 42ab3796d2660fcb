package io.promrelay.bench;

import io.promrelay.testing.PeerBinary;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The entry of a comparison against Prometheus: parses the options, skips when Prometheus is not installed,
 * runs the comparison against the relay's jar, then prints the table and writes it to the report file.
 */
final class ComparisonMain {
    /** One comparison run: the table it reports. */
    @FunctionalInterface
    interface Comparison {
        String run(BenchOptions options, Path jar) throws Exception;
    }

    private ComparisonMain() {
    }

    static void run(String program, String[] args, Path report, Comparison comparison) throws Exception {
        BenchOptions options = BenchOptions.parseOrExit(program, args);
        if (!PeerBinary.PROMETHEUS.isInstalled()) {
            System.out.println(program + " skipped: prometheus not installed (apt-get install prometheus)");
            return;
        }
        String table = comparison.run(options, RelayJar.require());
        System.out.print(table);
        Files.writeString(report, table);
        System.out.println("written to " + report.toAbsolutePath());
        System.exit(0);
    }
}
