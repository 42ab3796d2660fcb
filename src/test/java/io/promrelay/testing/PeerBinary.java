package io.promrelay.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/** A peer program the integration tests need, and the Debian package a developer installs to get it. */
public record PeerBinary(String name, String debianPackage) {
    public static final PeerBinary NODE_EXPORTER =
            new PeerBinary("prometheus-node-exporter", "prometheus-node-exporter");
    public static final PeerBinary PROMETHEUS = new PeerBinary("prometheus", "prometheus");
    public static final PeerBinary PROMTOOL = new PeerBinary("promtool", "prometheus");
    public static final PeerBinary DNSMASQ = new PeerBinary("dnsmasq", "dnsmasq");
    public static final PeerBinary ETCD = new PeerBinary("etcd", "etcd-server");
    public static final PeerBinary ETCDCTL = new PeerBinary("etcdctl", "etcd-client");
    public static final PeerBinary VICTORIA_METRICS = new PeerBinary("victoria-metrics", "victoria-metrics");

    public boolean isInstalled() {
        return find().isPresent();
    }

    /**
     * The installed binary; when absent, skips the calling test naming the package to install, so a machine
     * without the peer still runs the rest of the suite.
     */
    public Path locate() {
        Optional<Path> found = find();
        Assumptions.assumeTrue(found.isPresent(), name + " not installed: apt-get install " + debianPackage);
        return found.get();
    }

    private Optional<Path> find() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
