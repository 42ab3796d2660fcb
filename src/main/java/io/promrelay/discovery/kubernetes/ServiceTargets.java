package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** role: service — one target per service port, addressed by the service's cluster DNS name. */
final class ServiceTargets {
    private ServiceTargets() {
    }

    static Built build(Service svc) {
        String name = svc.getMetadata().getName();
        String namespace = svc.getMetadata().getNamespace();
        Labels.Builder group = new Labels.Builder();
        addServiceLabels(group, svc);
        ServiceSpec spec = svc.getSpec() == null ? new ServiceSpec() : svc.getSpec();
        List<Labels> targets = new ArrayList<>();
        if (spec.getPorts() != null) {
            for (ServicePort port : spec.getPorts()) {
                int number = port.getPort();
                Labels.Builder target = new Labels.Builder()
                        .set(MetaLabels.ADDRESS, MetaLabels.hostPort(name + "." + namespace + ".svc", number))
                        .set(MetaLabels.PREFIX + "service_port_name", port.getName())
                        .set(MetaLabels.PREFIX + "service_port_number", Integer.toString(number))
                        .set(MetaLabels.PREFIX + "service_port_protocol", port.getProtocol())
                        .set(MetaLabels.PREFIX + "service_type", spec.getType());
                if ("ExternalName".equals(spec.getType())) {
                    target.set(MetaLabels.PREFIX + "service_external_name", spec.getExternalName());
                } else {
                    target.set(MetaLabels.PREFIX + "service_cluster_ip", spec.getClusterIP());
                }
                targets.add(target.build());
            }
        }
        return new Built(new TargetGroup(Sources.service(namespace, name), targets, group.build()), Set.of());
    }

    /** The service's name, namespace, labels and annotations; endpoints targets carry them too. */
    static void addServiceLabels(Labels.Builder b, Service svc) {
        MetaLabels.addObjectMeta(b, svc.getMetadata(), "service");
        b.set(MetaLabels.NAMESPACE, svc.getMetadata().getNamespace());
    }
}
