package io.promrelay;

import java.nio.file.Path;

/** The parsed command line; {@code --flag=value} and {@code --flag value} are both accepted. */
record Flags(Path configFile, String listenAddress, String retention, Path checkConfig, boolean help) {
    static final Path DEFAULT_CONFIG = Path.of("config", "promrelay.yml");

    static Flags parse(String[] args) {
        Path config = DEFAULT_CONFIG;
        String listen = null;
        String retention = null;
        Path check = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            if (name.equals("--help") || name.equals("-h")) {
                help = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("flag " + name + " needs a value");
                }
                value = args[++i];
            }
            switch (name) {
                case "--config.file" -> config = Path.of(value);
                case "--web.listen-address" -> listen = value;
                case "--storage.retention" -> retention = value;
                case "--check-config" -> check = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        }
        return new Flags(config, listen, retention, check, help);
    }
}
