package io.promrelay.config;

import io.promrelay.config.KubernetesSdConfig.Namespaces;
import io.promrelay.config.KubernetesSdConfig.Role;
import io.promrelay.config.KubernetesSdConfig.Selector;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code kubernetes_sd_configs} entries with the checks of Prometheus's kubernetes.SDConfig. */
final class KubernetesSdConfigReader {
    private static final String ROLES = "pod, service, endpoints, endpointslice, node, ingress";

    // Which selector roles each role's informers use (Prometheus's allowedSelectors).
    private static final Map<Role, Set<Role>> ALLOWED_SELECTORS = Map.of(
            Role.POD, EnumSet.of(Role.POD),
            Role.SERVICE, EnumSet.of(Role.SERVICE),
            Role.ENDPOINTS, EnumSet.of(Role.POD, Role.SERVICE, Role.ENDPOINTS),
            Role.ENDPOINTSLICE, EnumSet.of(Role.POD, Role.SERVICE, Role.ENDPOINTSLICE),
            Role.NODE, EnumSet.of(Role.NODE),
            Role.INGRESS, EnumSet.of(Role.INGRESS));

    private KubernetesSdConfigReader() {
    }

    static List<DiscoveryConfig> read(YamlMapping scrape, RelativePaths paths) throws ConfigException {
        YamlValue list = scrape.get(KubernetesSdConfig.KEY);
        if (list == null) {
            return List.of();
        }
        List<DiscoveryConfig> configs = new ArrayList<>();
        for (YamlValue item : list.list()) {
            configs.add(readOne(item.mapping(Section.KUBERNETES_SD), paths));
        }
        return configs;
    }

    private static KubernetesSdConfig readOne(YamlMapping m, RelativePaths paths) throws ConfigException {
        if (!m.has("role")) {
            throw m.whereOf("role").error("role missing (one of: " + ROLES + ")");
        }
        Role role = role(m.get("role"));
        if (role == Role.INGRESS) {
            throw m.whereOf("role").error("role \"ingress\" is not supported by promrelay");
        }
        HttpClientConfig http = HttpClientConfigReader.read(m, paths);
        String apiServer = apiServer(m);
        Path kubeconfig = m.has("kubeconfig_file") ? paths.resolve(m.get("kubeconfig_file")) : null;
        boolean customHttp = !http.equals(HttpClientConfig.DEFAULT);
        if (apiServer != null && kubeconfig != null) {
            throw m.whereOf("kubeconfig_file").error("cannot use 'kubeconfig_file' and 'api_server' simultaneously");
        }
        if (kubeconfig != null && customHttp) {
            throw m.whereOf("kubeconfig_file").error(
                    "cannot use a custom HTTP client configuration together with 'kubeconfig_file'");
        }
        if (apiServer == null && kubeconfig == null && customHttp) {
            throw m.where().error(
                    "to use custom HTTP client configuration please provide the 'api_server' URL explicitly");
        }
        if (!http.followRedirects()) {
            throw m.whereOf("follow_redirects").error(
                    "follow_redirects: false is not supported by promrelay for kubernetes_sd_configs");
        }
        Namespaces namespaces = m.has("namespaces") ? namespaces(m.get("namespaces")) : Namespaces.ALL;
        if (namespaces.ownNamespace() && apiServer != null) {
            throw m.whereOf("namespaces").error("cannot use 'api_server' and 'namespaces.own_namespace' simultaneously");
        }
        if (namespaces.ownNamespace() && kubeconfig != null) {
            throw m.whereOf("namespaces").error(
                    "cannot use 'kubeconfig_file' and 'namespaces.own_namespace' simultaneously");
        }
        return new KubernetesSdConfig(role, apiServer, kubeconfig, http, namespaces, selectors(m, role),
                attachNode(m));
    }

    private static Role role(YamlValue value) throws ConfigException {
        String text = value.string();
        for (Role r : Role.values()) {
            if (r.configName().equals(text)) {
                return r;
            }
        }
        throw value.error("unknown Kubernetes SD role \"" + text + "\" (one of: " + ROLES + ")");
    }

    private static String apiServer(YamlMapping m) throws ConfigException {
        String text = m.string("api_server", null);
        if (text == null) {
            return null;
        }
        Where where = m.whereOf("api_server");
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw where.error("api_server must be an absolute URL such as https://kubernetes.default.svc");
            }
        } catch (URISyntaxException e) {
            throw where.error("api_server is not a valid URL");
        }
        return text;
    }

    private static Namespaces namespaces(YamlValue value) throws ConfigException {
        YamlMapping m = value.mapping(Section.KUBERNETES_NAMESPACES);
        YamlValue names = m.get("names");
        return new Namespaces(names == null ? List.of() : names.strings(), m.bool("own_namespace", false));
    }

    private static List<Selector> selectors(YamlMapping m, Role role) throws ConfigException {
        YamlValue list = m.get("selectors");
        if (list == null) {
            return List.of();
        }
        List<Selector> selectors = new ArrayList<>();
        Set<Role> seen = EnumSet.noneOf(Role.class);
        for (YamlValue item : list.list()) {
            YamlMapping s = item.mapping(Section.KUBERNETES_SELECTOR);
            if (!s.has("role")) {
                throw s.whereOf("role").error("selector role missing (one of: " + ROLES + ")");
            }
            Role selectorRole = role(s.get("role"));
            if (!seen.add(selectorRole)) {
                throw s.whereOf("role").error("duplicated selector role: " + selectorRole.configName());
            }
            Set<Role> allowed = ALLOWED_SELECTORS.get(role);
            if (!allowed.contains(selectorRole)) {
                List<String> names = new ArrayList<>();
                allowed.forEach(r -> names.add(r.configName()));
                throw s.whereOf("role").error(role.configName() + " role supports only "
                        + String.join(", ", names) + " selectors");
            }
            Selector selector = new Selector(selectorRole, s.string("label", ""), s.string("field", ""));
            try {
                selector.fieldTerms();
            } catch (IllegalArgumentException e) {
                throw s.whereOf("field").error(e.getMessage());
            }
            selectors.add(selector);
        }
        return selectors;
    }

    private static boolean attachNode(YamlMapping m) throws ConfigException {
        YamlValue value = m.get("attach_metadata");
        return value != null && value.mapping(Section.KUBERNETES_ATTACH_METADATA).bool("node", false);
    }
}
