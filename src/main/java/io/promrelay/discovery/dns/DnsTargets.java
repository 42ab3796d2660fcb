package io.promrelay.discovery.dns;

import io.promrelay.config.DnsSdConfig;
import io.promrelay.discovery.HostPorts;
import io.promrelay.model.Labels;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns the records of one configured name into targets with Prometheus's meta labels. Record targets keep
 * their final dot in the meta labels (as miekg/dns returns them) and lose it in {@code __address__}.
 */
final class DnsTargets {
    static final String NAME = "__meta_dns_name";
    static final String SRV_TARGET = "__meta_dns_srv_record_target";
    static final String SRV_PORT = "__meta_dns_srv_record_port";
    static final String MX_TARGET = "__meta_dns_mx_record_target";
    static final String NS_TARGET = "__meta_dns_ns_record_target";
    private static final String ADDRESS = "__address__";

    private DnsTargets() {
    }

    /** The query for {@code config}'s record type, labelling each answer as a target of {@code name}. */
    static DnsLookup.Query<Labels> query(DnsSdConfig config, String name) {
        int port = config.port();
        return switch (config.type()) {
            case SRV -> (client, fqdn) -> client.resolveSRV(fqdn).map(records -> records.stream()
                    .map(r -> Labels.of(ADDRESS, HostPorts.join(trimDot(r.target()), r.port()), NAME, name,
                            SRV_TARGET, ResolvConf.fqdn(r.target()), SRV_PORT, Integer.toString(r.port())))
                    .toList());
            case A -> (client, fqdn) -> client.resolveA(fqdn).map(ips -> addresses(ips, port, name));
            case AAAA -> (client, fqdn) -> client.resolveAAAA(fqdn).map(ips -> addresses(ips, port, name));
            case MX -> (client, fqdn) -> client.resolveMX(fqdn).map(records -> records.stream()
                    .map(r -> Labels.of(ADDRESS, HostPorts.join(trimDot(r.name()), port), NAME, name,
                            MX_TARGET, ResolvConf.fqdn(r.name())))
                    .toList());
            case NS -> (client, fqdn) -> client.resolveNS(fqdn).map(hosts -> hosts.stream()
                    .map(h -> Labels.of(ADDRESS, HostPorts.join(trimDot(h), port), NAME, name,
                            NS_TARGET, ResolvConf.fqdn(h)))
                    .toList());
        };
    }

    private static List<Labels> addresses(List<String> ips, int port, String name) {
        return ips.stream().map(ip -> Labels.of(ADDRESS, HostPorts.join(goIpText(ip), port), NAME, name)).toList();
    }

    private static String trimDot(String name) {
        return name.replaceAll("\\.+$", "");
    }

    /** An address as Go's net.IP.String() writes it, e.g. "2001:db8::1" rather than Java's "2001:db8:0:0:0:0:0:1". */
    static String goIpText(String ip) {
        InetAddress address;
        try {
            address = InetAddress.getByName(ip);
        } catch (UnknownHostException e) {
            return ip;
        }
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        if (isIpv4Mapped(groups)) {
            return (b[12] & 0xff) + "." + (b[13] & 0xff) + "." + (b[14] & 0xff) + "." + (b[15] & 0xff);
        }
        return compressed(groups);
    }

    private static boolean isIpv4Mapped(int[] groups) {
        for (int i = 0; i < 5; i++) {
            if (groups[i] != 0) {
                return false;
            }
        }
        return groups[5] == 0xffff;
    }

    // The longest run of two or more zero groups becomes "::" (the first one on a tie), as RFC 5952 and Go do.
    private static String compressed(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
