package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.TlsVersion;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.promrelay.config.HttpClientConfig;
import io.promrelay.config.KnownSecrets;
import io.promrelay.config.KubernetesSdConfig;
import io.promrelay.config.TlsConfig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds the fabric8 client for a kubernetes_sd_configs entry, on the relay's own Vert.x: from
 * api_server and the client block, from kubeconfig_file, or from the in-cluster ServiceAccount.
 * fabric8's auto-configuration (~/.kube/config, KUBERNETES_MASTER, ...) stays off so that the relay
 * talks to exactly the server its config names, as Prometheus does.
 */
final class KubernetesClients {
    /**
     * fabric8's informers log every failed list or watch with a full stack trace, once per retry; the relay
     * reports the same failure in one line per job (RefreshFailures) and in /api/v1/targets. Held here so the
     * level is not lost when java.util.logging drops an unreferenced logger.
     */
    private static final Logger INFORMER_RETRIES = quieted("io.fabric8.kubernetes.client.informers.impl.cache.Reflector");

    private KubernetesClients() {
    }

    private static Logger quieted(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    static KubernetesClient create(Vertx vertx, KubernetesSdConfig config, InCluster inCluster,
                                   FailedRequests failures) throws IOException {
        Config clientConfig;
        RequestAuthorization authorization;
        if (config.kubeconfigFile() != null) {
            Path file = config.kubeconfigFile();
            clientConfig = Config.fromKubeconfig(null, Files.readString(file, StandardCharsets.UTF_8), file.toString());
            KnownSecrets.register(clientConfig.getOauthToken());
            KnownSecrets.register(clientConfig.getAutoOAuthToken());
            KnownSecrets.register(clientConfig.getPassword());
            authorization = null;
        } else if (config.apiServer() != null) {
            clientConfig = explicit(config.apiServer(), config.httpClient());
            authorization = RequestAuthorization.of(config.httpClient());
        } else {
            clientConfig = base(inCluster.apiServerUrl()).withCaCertFile(inCluster.caFile().toString()).build();
            authorization = RequestAuthorization.bearerFromFile(inCluster.tokenFile());
        }
        return new KubernetesClientBuilder()
                .withConfig(clientConfig)
                .withHttpClientFactory(new Vertx5HttpClientFactory(vertx))
                .withHttpClientBuilderConsumer(builder -> {
                    builder.addOrReplaceInterceptor(FailedRequests.NAME, failures);
                    if (authorization != null) {
                        builder.addOrReplaceInterceptor(RequestAuthorization.NAME, authorization);
                    }
                })
                .build();
    }

    private static ConfigBuilder base(String masterUrl) {
        return new ConfigBuilder().withAutoConfigure(false).withMasterUrl(masterUrl);
    }

    private static Config explicit(String apiServer, HttpClientConfig http) {
        ConfigBuilder b = base(apiServer);
        TlsConfig tls = http.tls();
        if (tls.caFile() != null) {
            b.withCaCertFile(tls.caFile().toString());
        }
        if (tls.certFile() != null) {
            b.withClientCertFile(tls.certFile().toString()).withClientKeyFile(tls.keyFile().toString());
        }
        if (tls.serverName() != null) {
            b.withTlsServerName(tls.serverName());
        }
        if (tls.insecureSkipVerify()) {
            b.withTrustCerts(true).withDisableHostnameVerification(true);
        }
        if (tls.minVersion() != null) {
            b.withTlsVersions(tlsVersionsFrom(tls.minVersion()));
        }
        if (http.proxyUrl() != null) {
            URI proxy = URI.create(http.proxyUrl());
            b.withHttpProxy(http.proxyUrl()).withHttpsProxy(http.proxyUrl());
            String userInfo = proxy.getRawUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                b.withProxyUsername(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
                if (colon >= 0) {
                    String password = decode(userInfo.substring(colon + 1));
                    KnownSecrets.register(password);
                    b.withProxyPassword(password);
                }
            }
        }
        return b.build();
    }

    private static TlsVersion[] tlsVersionsFrom(String minVersion) {
        return switch (minVersion) {
            case "TLS13" -> new TlsVersion[] {TlsVersion.TLS_1_3};
            case "TLS12" -> new TlsVersion[] {TlsVersion.TLS_1_3, TlsVersion.TLS_1_2};
            case "TLS11" -> new TlsVersion[] {TlsVersion.TLS_1_3, TlsVersion.TLS_1_2, TlsVersion.TLS_1_1};
            default -> new TlsVersion[] {TlsVersion.TLS_1_3, TlsVersion.TLS_1_2, TlsVersion.TLS_1_1,
                    TlsVersion.TLS_1_0};
        };
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
