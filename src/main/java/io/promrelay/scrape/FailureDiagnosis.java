package io.promrelay.scrape;

import io.promrelay.http.UnreadableFileException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.promrelay.config.Authorization;
import io.promrelay.config.BasicAuth;
import io.promrelay.config.PrometheusDuration;
import io.promrelay.config.ScrapeConfig;
import io.promrelay.config.TlsConfig;
import io.vertx.core.http.HttpClosedException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Classifies a job's failed scrapes and says what to change, from the failure's evidence (exception types,
 * HTTP status) and the target's scheme, port and path together with the job's config. The hints name config
 * keys, component flags and RBAC rules, never the content of a credential.
 */
final class FailureDiagnosis {
    private final ScrapeConfig config;

    FailureDiagnosis(ScrapeConfig config) {
        this.config = config;
    }

    Diagnosis diagnose(ScrapeFailure failure, String url) {
        Target target = Target.of(url);
        FailureEvidence evidence = failure.evidence();
        if (evidence instanceof FailureEvidence.Status s) {
            return fromStatus(s.code(), s.bodyStart(), target);
        }
        if (evidence instanceof FailureEvidence.Refused r) {
            return fromRefusal(r.kind());
        }
        return fromException(((FailureEvidence.Thrown) evidence).error(), target);
    }

    /** Scheme, host, port and path of the scraped URL, with the port filled in from the scheme. */
    private record Target(String scheme, String host, int port, String path) {
        static Target of(String url) {
            URI uri = URI.create(url);
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return new Target(scheme, uri.getHost(), port, uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath());
        }

        String address() {
            return host + ":" + port;
        }
    }

    private Diagnosis fromException(Throwable error, Target target) {
        List<Throwable> chain = causes(error);
        Optional<UnreadableFileException> unreadable = find(chain, UnreadableFileException.class);
        if (unreadable.isPresent()) {
            return new Diagnosis(FailureKind.FILE_UNREADABLE, "the relay cannot read " + unreadable.get().file()
                    + ": mount the file (or the Secret or ServiceAccount token holding it) at that path and make it"
                    + " readable by the relay's user");
        }
        if (has(chain, TimeoutException.class) || has(chain, ConnectTimeoutException.class)) {
            return new Diagnosis(FailureKind.TIMEOUT, "no answer from " + target.address() + " within scrape_timeout "
                    + PrometheusDuration.format(config.scrapeTimeout()) + ": a firewall or NetworkPolicy may drop the"
                    + " packets, or the target is too slow; raise scrape_timeout (up to scrape_interval) for a slow target");
        }
        if (has(chain, UnknownHostException.class)) {
            return new Diagnosis(FailureKind.DNS_LOOKUP, "the name " + target.host() + " does not resolve: check the"
                    + " spelling; a Kubernetes Service from another namespace needs <service>.<namespace>.svc");
        }
        if (has(chain, ConnectException.class)) {
            return new Diagnosis(FailureKind.CONNECTION_REFUSED, ConnectionRefusedHint.forPort(target.address(), target.port()));
        }
        if (has(chain, NotSslRecordException.class)) {
            return new Diagnosis(FailureKind.HTTPS_TO_HTTP_PORT, "port " + target.port()
                    + " answers plain HTTP, not TLS: set scheme: http for this job");
        }
        if (has(chain, CertificateExpiredException.class) || has(chain, CertificateNotYetValidException.class)) {
            return new Diagnosis(FailureKind.CERTIFICATE_EXPIRED, "the certificate of " + target.address()
                    + " is expired or not yet valid: renew it on the target, and check the clocks of both hosts");
        }
        if (has(chain, CertPathBuilderException.class) || has(chain, CertPathValidatorException.class)) {
            return new Diagnosis(FailureKind.UNKNOWN_AUTHORITY, unknownAuthorityHint(target));
        }
        if (chain.stream().anyMatch(FailureDiagnosis::isNameMismatch)) {
            return new Diagnosis(FailureKind.NAME_MISMATCH, "the certificate of " + target.address()
                    + " is not issued for " + target.host() + ": set tls_config.server_name to a name the certificate"
                    + " holds (list them with: openssl s_client -connect " + target.address()
                    + " </dev/null | openssl x509 -noout -ext subjectAltName)");
        }
        if (has(chain, SSLException.class)) {
            return new Diagnosis(FailureKind.TLS_HANDSHAKE, tlsHandshakeHint(chain, target));
        }
        if (has(chain, HttpClosedException.class) || has(chain, SocketException.class)) {
            return new Diagnosis(FailureKind.CONNECTION_CLOSED, target.scheme().equals("http")
                    ? "the target closed the connection without answering; TLS-only servers do that to plain HTTP,"
                    + " so if port " + target.port() + " serves HTTPS, set scheme: https"
                    : "the target closed the connection without answering: its own log says why");
        }
        if (has(chain, DecoderException.class) && target.scheme().equals("http")) {
            return httpToHttpsPort(target);
        }
        return Diagnosis.UNKNOWN;
    }

    private Diagnosis fromStatus(int status, String bodyStart, Target target) {
        return switch (status) {
            case 400 -> bodyStart.contains("Client sent an HTTP request to an HTTPS server")
                    || bodyStart.contains("The plain HTTP request was sent to HTTPS port")
                    ? httpToHttpsPort(target) : new Diagnosis(FailureKind.HTTP_STATUS, "");
            case 401 -> new Diagnosis(FailureKind.UNAUTHORIZED, unauthorizedHint());
            case 403 -> new Diagnosis(FailureKind.FORBIDDEN, RbacHint.forPath(target.port(), target.path()));
            case 404 -> new Diagnosis(FailureKind.NOT_FOUND, target.address() + " serves nothing at " + target.path()
                    + ": check metrics_path (and __metrics_path__ set by relabeling)");
            default -> new Diagnosis(FailureKind.HTTP_STATUS, "");
        };
    }

    private Diagnosis fromRefusal(FailureKind kind) {
        String hint = switch (kind) {
            case BODY_SIZE_LIMIT -> config.bodySizeLimit() > 0
                    ? "raise body_size_limit, or make the target expose less (metric_relabel_configs cannot shrink the body)"
                    : "the body exceeds the relay's default bound for jobs without body_size_limit: set"
                            + " body_size_limit (at most 512MiB), or make the target expose less";
            case SAMPLE_LIMIT -> "raise sample_limit (" + config.sampleLimit() + "), or drop series you do not need"
                    + " with metric_relabel_configs (action: drop)";
            case LABEL_LIMIT -> "raise the label limit named in the error, or drop or shorten the label with"
                    + " metric_relabel_configs (action: labeldrop or replace)";
            case PARSE_ERROR -> "the body is neither Prometheus text nor OpenMetrics: check that metrics_path points"
                    + " at a metrics endpoint, not at an HTML page or a proxy's error page";
            default -> "";
        };
        return new Diagnosis(kind, hint);
    }

    private static Diagnosis httpToHttpsPort(Target target) {
        return new Diagnosis(FailureKind.HTTP_TO_HTTPS_PORT, "port " + target.port()
                + " serves HTTPS: set scheme: https for this job (with a tls_config.ca_file for the target's CA)");
    }

    private String unknownAuthorityHint(Target target) {
        TlsConfig tls = config.httpClient().tls();
        if (tls.caFile() == null) {
            return "the certificate of " + target.address() + " is not signed by a CA the relay trusts, and no"
                    + " tls_config.ca_file is set: set ca_file to the CA that issued it (in Kubernetes usually"
                    + " /var/run/secrets/kubernetes.io/serviceaccount/ca.crt)";
        }
        return "the certificate of " + target.address() + " is not signed by the CA in tls_config.ca_file "
                + tls.caFile() + ": point ca_file at the CA that issued it (kubelets often serve self-signed"
                + " certificates unless serverTLSBootstrap is enabled)";
    }

    private String tlsHandshakeHint(List<Throwable> chain, Target target) {
        boolean certificateRefused = chain.stream().map(Throwable::getMessage)
                .anyMatch(m -> m != null && (m.contains("bad_certificate") || m.contains("certificate_required")));
        if (!certificateRefused) {
            return "";
        }
        TlsConfig tls = config.httpClient().tls();
        return tls.certFile() == null
                ? target.address() + " requires a client certificate and none is set: set tls_config.cert_file and key_file"
                : target.address() + " refused the client certificate " + tls.certFile()
                + ": it must be issued by the CA the target trusts for clients";
    }

    private String unauthorizedHint() {
        Authorization auth = config.httpClient().authorization();
        BasicAuth basic = config.httpClient().basicAuth();
        if (auth != null && auth.credentialsFile() != null) {
            return "the token in " + auth.credentialsFile() + " was refused: it may be expired, empty or from another"
                    + " cluster; check that the file is the mounted ServiceAccount token and is current";
        }
        if (auth != null && auth.credentials() != null) {
            return "the token set inline in the job's authorization was refused: it may be expired or from another"
                    + " cluster; prefer credentials_file pointing at the mounted ServiceAccount token";
        }
        if (basic != null) {
            return "basic_auth for user " + basic.username() + " was refused: check the password"
                    + (basic.passwordFile() == null ? "" : " in " + basic.passwordFile());
        }
        return "the target requires credentials and the job sends none: set authorization.credentials_file (in"
                + " Kubernetes /var/run/secrets/kubernetes.io/serviceaccount/token)";
    }

    private static boolean isNameMismatch(Throwable t) {
        String m = t.getMessage();
        return t instanceof CertificateException && m != null
                && (m.startsWith("No subject alternative") || m.startsWith("No name matching"));
    }

    private static List<Throwable> causes(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        return find(chain, type).isPresent();
    }

    private static <T extends Throwable> Optional<T> find(List<Throwable> chain, Class<T> type) {
        return chain.stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
