package io.promrelay;

import io.promrelay.config.PrometheusDuration;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The parsed command line; {@code --flag=value} and {@code --flag value} are both accepted, and a switch
 * ({@code --web.enable-lifecycle}) is on when given alone or as {@code =true}. A leading word
 * selects a command ({@code check-target}); {@code job} and {@code target} belong to it.
 */
record Flags(Path configFile, String listenAddress, String retention, Path checkConfig, boolean help,
             String command, String job, String target, QuerySettings query, Integer shardCount,
             Integer shardIndex, String replica, boolean enableLifecycle, WebSettings web, Path storagePath,
             String maxBufferBytes) {
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
        Duration queryTimeout = QuerySettings.DEFAULTS.timeout();
        int queryConcurrency = QuerySettings.DEFAULTS.maxConcurrency();
        long querySamples = QuerySettings.DEFAULTS.maxSamples();
        Integer shardCount = null;
        Integer shardIndex = null;
        String replica = null;
        String maxBufferBytes = null;
        boolean enableLifecycle = false;
        Path storagePath = null;
        Path webConfig = null;
        boolean remoteWriteReceiver = false;
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
            if (name.equals("--web.enable-lifecycle")) {
                enableLifecycle = value == null || bool(name, value);
                continue;
            }
            if (name.equals("--web.enable-remote-write-receiver")) {
                remoteWriteReceiver = value == null || bool(name, value);
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
                case "--storage.max-bytes" -> maxBufferBytes = value;
                case "--check-config" -> check = Path.of(value);
                case "--job" -> job = value;
                case "--target" -> target = value;
                case "--query.timeout" -> queryTimeout = PrometheusDuration.parse(value);
                case "--query.max-concurrency" -> queryConcurrency = (int) wholeNumber(name, value, Integer.MAX_VALUE);
                case "--query.max-samples" -> querySamples = wholeNumber(name, value, Long.MAX_VALUE);
                case "--shard.count" -> shardCount = integer(name, value);
                case "--shard.index" -> shardIndex = integer(name, value);
                case "--replica" -> replica = value;
                case "--storage.path" -> storagePath = Path.of(value);
                case "--web.config.file" -> webConfig = value.isEmpty() ? null : Path.of(value);
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
        return new Flags(config, listen, retention, check, help, command, job, target,
                new QuerySettings(queryTimeout, queryConcurrency, querySamples), shardCount, shardIndex, replica,
                enableLifecycle, new WebSettings(webConfig, remoteWriteReceiver), storagePath, maxBufferBytes);
    }

    private static boolean bool(String flag, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("flag " + flag + " is true or false, got \"" + value + "\"");
        };
    }

    private static int integer(String name, String value) {
        return (int) wholeNumber(name, value, Integer.MAX_VALUE);
    }

    private static long wholeNumber(String flag, String value, long max) {
        try {
            long n = Long.parseLong(value);
            if (n > max) {
                throw new IllegalArgumentException("flag " + flag + " is at most " + max + ", got " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("flag " + flag + " needs a whole number, got \"" + value + "\"");
        }
    }
}
