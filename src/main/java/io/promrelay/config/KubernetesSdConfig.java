package io.promrelay.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code kubernetes_sd_configs}: which objects to watch, where, and how to reach the API server. With
 * neither apiServer nor kubeconfigFile the relay uses its in-cluster ServiceAccount, as Prometheus does.
 */
public record KubernetesSdConfig(Role role, String apiServer, Path kubeconfigFile, HttpClientConfig httpClient,
                                 Namespaces namespaces, List<Selector> selectors, boolean attachNodeMetadata)
        implements DiscoveryConfig {

    public static final String KEY = "kubernetes_sd_configs";

    public KubernetesSdConfig {
        selectors = List.copyOf(selectors);
    }

    @Override
    public String key() {
        return KEY;
    }

    /** The selector for objects of {@code role}'s kind, or null when none is configured. */
    public Selector selectorFor(Role kind) {
        for (Selector s : selectors) {
            if (s.role() == kind) {
                return s;
            }
        }
        return null;
    }

    /** The object kind a job discovers; it also names the kind a selector applies to. */
    public enum Role {
        NODE, POD, SERVICE, ENDPOINTS, ENDPOINTSLICE, INGRESS;

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** {@code namespaces}: none named and ownNamespace false means all namespaces. */
    public record Namespaces(List<String> names, boolean ownNamespace) {
        public static final Namespaces ALL = new Namespaces(List.of(), false);

        public Namespaces {
            names = List.copyOf(names);
        }
    }

    /** One {@code selectors} entry: Kubernetes label and field selector strings, either may be empty. */
    public record Selector(Role role, String label, String field) {
        /**
         * The field selector's terms, read with the grammar of Kubernetes's fields.ParseSelector:
         * comma-separated {@code key=value}, {@code key==value} or {@code key!=value}.
         *
         * @throws IllegalArgumentException naming the term that is not one of these
         */
        public List<FieldTerm> fieldTerms() {
            List<FieldTerm> terms = new ArrayList<>();
            if (field.isEmpty()) {
                return terms;
            }
            for (String term : field.split(",", -1)) {
                terms.add(FieldTerm.parse(term));
            }
            return terms;
        }
    }

    /** One field selector term; {@code equal} is false for {@code !=}. */
    public record FieldTerm(String key, String value, boolean equal) {
        static FieldTerm parse(String term) {
            for (String op : new String[] {"!=", "==", "="}) {
                int at = term.indexOf(op);
                if (at > 0) {
                    return new FieldTerm(term.substring(0, at).trim(), term.substring(at + op.length()).trim(),
                            !op.equals("!="));
                }
            }
            throw new IllegalArgumentException("invalid field selector term \"" + term
                    + "\" (expected key=value, key==value or key!=value)");
        }
    }
}
