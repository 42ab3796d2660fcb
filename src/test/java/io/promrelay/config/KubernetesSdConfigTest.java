package io.promrelay.config;

import static io.promrelay.config.ConfigAssertions.assertError;
import static io.promrelay.config.ConfigAssertions.onlyJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.KubernetesSdConfig.Role;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** kubernetes_sd_configs keys and the checks of Prometheus's kubernetes.SDConfig, with file:line:key errors. */
class KubernetesSdConfigTest {
    private static final String JOB = "scrape_configs:\n  - job_name: k8s\n    kubernetes_sd_configs:\n";

    private static KubernetesSdConfig only(String entry) throws ConfigException {
        return (KubernetesSdConfig) onlyJob(JOB + entry).discoveryConfigs().get(0);
    }

    @Test
    void readsEveryKey() throws ConfigException {
        KubernetesSdConfig k = only("""
                      - role: endpoints
                        api_server: https://10.96.0.1:443
                        bearer_token_file: secrets/token
                        tls_config: {ca_file: secrets/ca.crt, server_name: kubernetes.default.svc, min_version: TLS12}
                        proxy_url: http://proxy:3128
                        namespaces:
                          names: [monitoring, kube-system]
                        selectors:
                          - role: pod
                            label: "app.kubernetes.io/name=node-exporter"
                          - role: endpoints
                            field: "metadata.name!=kubernetes"
                        attach_metadata: {node: true}
                """);
        assertEquals(Role.ENDPOINTS, k.role());
        assertEquals("https://10.96.0.1:443", k.apiServer());
        assertEquals(Path.of("conf/secrets/token"), k.httpClient().authorization().credentialsFile());
        assertEquals("Bearer", k.httpClient().authorization().type());
        assertEquals(Path.of("conf/secrets/ca.crt"), k.httpClient().tls().caFile());
        assertEquals("kubernetes.default.svc", k.httpClient().tls().serverName());
        assertEquals("http://proxy:3128", k.httpClient().proxyUrl());
        assertEquals(List.of("monitoring", "kube-system"), k.namespaces().names());
        assertFalse(k.namespaces().ownNamespace());
        assertEquals("app.kubernetes.io/name=node-exporter", k.selectorFor(Role.POD).label());
        assertEquals(List.of(new KubernetesSdConfig.FieldTerm("metadata.name", "kubernetes", false)),
                k.selectorFor(Role.ENDPOINTS).fieldTerms());
        assertNull(k.selectorFor(Role.SERVICE));
        assertTrue(k.attachNodeMetadata());
    }

    @Test
    void inClusterByDefault() throws ConfigException {
        KubernetesSdConfig k = only("      - role: pod\n        namespaces: {own_namespace: true}\n");
        assertNull(k.apiServer());
        assertNull(k.kubeconfigFile());
        assertTrue(k.namespaces().ownNamespace());
        assertEquals(HttpClientConfig.DEFAULT, k.httpClient());
    }

    @Test
    void kubeconfigPathIsRelativeToTheConfigFile() throws ConfigException {
        assertEquals(Path.of("conf/kube/config"), only("      - role: node\n        kubeconfig_file: kube/config\n")
                .kubeconfigFile());
    }

    @Test
    void roleIsRequiredAndChecked() {
        assertError(JOB + "      - api_server: https://k8s\n", 4, "scrape_configs[0].kubernetes_sd_configs[0]",
                "role missing (one of: pod, service, endpoints, endpointslice, node, ingress)");
        assertError(JOB + "      - role: pods\n", 4, "scrape_configs[0].kubernetes_sd_configs[0].role",
                "unknown Kubernetes SD role \"pods\"");
        assertError(JOB + "      - role: ingress\n", 4, "scrape_configs[0].kubernetes_sd_configs[0].role",
                "role \"ingress\" is not supported by promrelay");
    }

    @Test
    void serverSourcesExcludeEachOther() {
        assertError(JOB + "      - role: pod\n        api_server: https://k8s\n        kubeconfig_file: k\n", 6,
                "scrape_configs[0].kubernetes_sd_configs[0].kubeconfig_file",
                "cannot use 'kubeconfig_file' and 'api_server' simultaneously");
        assertError(JOB + "      - role: pod\n        bearer_token: t\n", 4, "scrape_configs[0].kubernetes_sd_configs[0]",
                "to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
        assertError(JOB + "      - role: pod\n        kubeconfig_file: k\n        bearer_token: t\n", 5,
                "scrape_configs[0].kubernetes_sd_configs[0].kubeconfig_file",
                "cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
        assertError(JOB + "      - role: pod\n        api_server: https://k8s\n        namespaces: {own_namespace: true}\n",
                6, "scrape_configs[0].kubernetes_sd_configs[0].namespaces",
                "cannot use 'api_server' and 'namespaces.own_namespace' simultaneously");
        assertError(JOB + "      - role: pod\n        api_server: k8s.local\n", 5,
                "scrape_configs[0].kubernetes_sd_configs[0].api_server", "api_server must be an absolute URL");
    }

    @Test
    void selectorsMustSuitTheRole() {
        assertError(JOB + "      - role: pod\n        selectors:\n          - role: service\n            label: a=b\n", 6,
                "scrape_configs[0].kubernetes_sd_configs[0].selectors[0].role", "pod role supports only pod selectors");
        assertError(JOB + "      - role: endpoints\n        selectors:\n          - role: pod\n          - role: pod\n", 7,
                "scrape_configs[0].kubernetes_sd_configs[0].selectors[1].role", "duplicated selector role: pod");
        assertError(JOB + "      - role: pod\n        selectors:\n          - role: pod\n            field: spec.nodeName\n", 7,
                "scrape_configs[0].kubernetes_sd_configs[0].selectors[0].field",
                "invalid field selector term \"spec.nodeName\"");
    }

    @Test
    void unknownAndRefusedKeys() {
        assertError(JOB + "      - role: pod\n        namespaces: {name: [a]}\n", 5,
                "scrape_configs[0].kubernetes_sd_configs[0].namespaces", "unknown key \"name\"");
        assertError(JOB + "      - role: pod\n        api_server: https://k8s\n        oauth2: {client_id: a}\n", 6,
                "scrape_configs[0].kubernetes_sd_configs[0]", "key \"oauth2\" is not supported by promrelay");
    }

    @Test
    void rendersWithSecretsHidden() throws ConfigException {
        String yaml = ConfigRenderer.toYaml(ConfigAssertions.parse(JOB
                + "      - role: pod\n        api_server: https://k8s\n        bearer_token: s3cr3t\n"
                + "        namespaces: {names: [monitoring]}\n"));
        assertTrue(yaml.contains("kubernetes_sd_configs:\n  - api_server: https://k8s\n    role: pod\n"), yaml);
        assertTrue(yaml.contains("credentials: <secret>"), yaml);
        assertTrue(yaml.contains("names:\n      - monitoring"), yaml);
        assertFalse(yaml.contains("s3cr3t"), yaml);
    }
}
