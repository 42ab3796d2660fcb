package io.promrelay.discovery.dns;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads resolv.conf again for every refresh, as Prometheus does, so a changed resolver is used without a
 * restart. The file and the nameserver port can be changed with JVM system properties (for tests, which run
 * their DNS server on a loopback port); the config file stays in Prometheus's format.
 */
public final class ResolvConfSource {
    /** System property: another resolv.conf-format file instead of /etc/resolv.conf. */
    public static final String FILE_PROPERTY = "promrelay.dns.resolv_conf";
    /** System property: the port every nameserver listens on instead of 53. */
    public static final String PORT_PROPERTY = "promrelay.dns.port";

    private static final String DEFAULT_FILE = "/etc/resolv.conf";
    private static final int DEFAULT_PORT = 53;

    private final Vertx vertx;
    private final Path file;
    private final int port;

    public ResolvConfSource(Vertx vertx, Path file, int port) {
        this.vertx = vertx;
        this.file = file;
        this.port = port;
    }

    /** /etc/resolv.conf and port 53 unless the system properties say otherwise. */
    public static ResolvConfSource system(Vertx vertx) {
        return new ResolvConfSource(vertx, Path.of(System.getProperty(FILE_PROPERTY, DEFAULT_FILE)),
                Integer.getInteger(PORT_PROPERTY, DEFAULT_PORT));
    }

    Future<ResolvConf> read() {
        return vertx.fileSystem().readFile(file.toString())
                .map(content -> ResolvConf.parse(content.toString(StandardCharsets.UTF_8), port))
                .recover(e -> Future.failedFuture("could not load " + file + ": " + e.getMessage()));
    }
}
