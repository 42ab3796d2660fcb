package io.promrelay;

import java.nio.file.Path;

/**
 * The parsed command line; {@code --flag=value} and {@code --flag value} are both accepted. A leading word
 * selects a command ({@code check-target}); {@code job} and {@code target} belong to it.
 */
record Flags(Path configFile, String listenAddress, String retention, Path checkConfig, boolean help,
             String command, String job, String target, Integer shardCount, Integer shardIndex,
             String replica) {
    static final Path DEFAULT_CONFIG = Path.of("config", "promrelay.yml");
    static final String CHECK_TARGET = "check-target";

    static Flags parse(String[] args) {
        Path config = DEFAULT_CONFIG;
        String listen = null;
        String retention = null;
        Path check = null;
        boolean help = false;
        String command = null;
        String job = null;
        String target = null;
        Integer shardCount = null;
        Integer shardIndex = null;
        String replica = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i == 0 && !arg.startsWith("-")) {
                if (!arg.equals(CHECK_TARGET)) {
                    throw new IllegalArgumentException("unknown command " + arg);
                }
                command = arg;
                continue;
            }
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
                case "--job" -> job = value;
                case "--target" -> target = value;
                case "--shard.count" -> shardCount = integer(name, value);
                case "--shard.index" -> shardIndex = integer(name, value);
                case "--replica" -> replica = value;
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        }
        if (command == null && (job != null || target != null)) {
            throw new IllegalArgumentException("--job and --target belong to the " + CHECK_TARGET + " command");
        }
        if (command != null && !help && job == null) {
            throw new IllegalArgumentException(CHECK_TARGET + " needs --job");
        }
        if (shardIndex != null && shardCount == null) {
            throw new IllegalArgumentException("--shard.index needs --shard.count");
        }
        return new Flags(config, listen, retention, check, help, command, job, target, shardCount, shardIndex,
                replica);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("flag " + name + " needs a whole number, got \"" + value + "\"");
        }
    }
}
