package io.promrelay.http;

import io.promrelay.config.TlsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The TLS settings of a {@code tls_config} (a scrape job's, etcd discovery's), rebuilt when the CA,
 * certificate or key file changes. Options carry the files' contents rather than their paths: Vert.x keys
 * its connection pools and SSL contexts by the options, so new contents mean fresh connections with the rotated
 * credentials, while unchanged contents keep reusing pooled connections.
 */
public final class TlsOptionsSource {
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private final Vertx vertx;
    private final TlsConfig tls;
    private volatile Loaded loaded;

    private record Loaded(List<Buffer> contents, ClientSSLOptions options) {
    }

    public TlsOptionsSource(Vertx vertx, TlsConfig tls) {
        this.vertx = vertx;
        this.tls = tls;
    }

    public Future<ClientSSLOptions> options() {
        List<Path> files = Arrays.asList(tls.caFile(), tls.certFile(), tls.keyFile());
        List<Future<Buffer>> reads = files.stream().map(this::read).toList();
        return Future.all(reads).map(all -> {
            List<Buffer> contents = reads.stream().map(Future::result).toList();
            Loaded current = loaded;
            if (current == null || !current.contents().equals(contents)) {
                current = new Loaded(contents, build(contents.get(0), contents.get(1), contents.get(2)));
                loaded = current;
            }
            return current.options();
        });
    }

    private Future<Buffer> read(Path file) {
        if (file == null) {
            return Future.succeededFuture(Buffer.buffer());
        }
        return vertx.fileSystem().readFile(file.toString())
                .recover(e -> Future.failedFuture("unable to read TLS file " + file + ": " + e.getClass().getSimpleName()));
    }

    private ClientSSLOptions build(Buffer ca, Buffer cert, Buffer key) {
        ClientSSLOptions o = new ClientSSLOptions();
        if (tls.insecureSkipVerify()) {
            o.setTrustAll(true).setHostnameVerificationAlgorithm("");
        } else {
            o.setHostnameVerificationAlgorithm("HTTPS");
            if (ca.length() > 0) {
                o.setTrustOptions(new PemTrustOptions().addCertValue(ca));
            }
        }
        if (cert.length() > 0 && key.length() > 0) {
            o.setKeyCertOptions(new PemKeyCertOptions().addCertValue(cert).addKeyValue(key));
        }
        o.setEnabledSecureTransportProtocols(protocolsFrom(tls.minVersion()));
        return o;
    }

    /** Prometheus defaults to TLS 1.2 as the lowest version. */
    private static Set<String> protocolsFrom(String minVersion) {
        String min = switch (minVersion == null ? "TLS12" : minVersion) {
            case "TLS10" -> "TLSv1";
            case "TLS11" -> "TLSv1.1";
            case "TLS13" -> "TLSv1.3";
            default -> "TLSv1.2";
        };
        return new LinkedHashSet<>(PROTOCOLS.subList(PROTOCOLS.indexOf(min), PROTOCOLS.size()));
    }
}
