package io.promrelay.discovery.dns;

import java.util.ArrayList;
import java.util.List;

/**
 * The resolver settings DNS discovery uses, as miekg/dns (Prometheus's DNS library) reads them from
 * resolv.conf: nameservers, one port for all of them, the search list and ndots.
 */
public record ResolvConf(List<String> servers, int port, List<String> search, int ndots) {
    private static final int DEFAULT_NDOTS = 1;
    private static final int MAX_NDOTS = 15;

    public ResolvConf {
        servers = List.copyOf(servers);
        search = List.copyOf(search);
    }

    /** Parses resolv.conf text; {@code port} is where every nameserver listens (53 outside tests). */
    public static ResolvConf parse(String text, int port) {
        List<String> servers = new ArrayList<>();
        List<String> search = new ArrayList<>();
        int ndots = DEFAULT_NDOTS;
        for (String line : text.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 2 || fields[0].startsWith("#") || fields[0].startsWith(";")) {
                continue;
            }
            switch (fields[0]) {
                case "nameserver" -> servers.add(fields[1]);
                case "domain" -> search = new ArrayList<>(List.of(fields[1]));
                case "search" -> search = new ArrayList<>(List.of(fields).subList(1, fields.length));
                case "options" -> ndots = ndots(fields, ndots);
                default -> {
                }
            }
        }
        return new ResolvConf(servers, port, search, ndots);
    }

    private static int ndots(String[] options, int current) {
        int ndots = current;
        for (String option : options) {
            if (option.startsWith("ndots:")) {
                try {
                    ndots = Math.max(0, Math.min(MAX_NDOTS, Integer.parseInt(option.substring("ndots:".length()))));
                } catch (NumberFormatException e) {
                    ndots = DEFAULT_NDOTS;
                }
            }
        }
        return ndots;
    }

    /**
     * The fully qualified names to try for {@code name}, in order: a rooted name as it is; otherwise the name
     * itself first when it has more labels than ndots, then the name under each search domain, then the name
     * itself when it has too few labels.
     */
    public List<String> nameList(String name) {
        if (name.endsWith(".")) {
            return List.of(name);
        }
        boolean enoughLabels = name.split("\\.").length > ndots;
        String rooted = name + ".";
        List<String> names = new ArrayList<>();
        if (enoughLabels) {
            names.add(rooted);
        }
        for (String domain : search) {
            names.add(fqdn(rooted + domain));
        }
        if (!enoughLabels) {
            names.add(rooted);
        }
        return names;
    }

    static String fqdn(String name) {
        return name.endsWith(".") ? name : name + ".";
    }
}
