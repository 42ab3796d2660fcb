package io.promrelay.discovery.file;

import io.promrelay.config.ConfigException;
import io.promrelay.config.FileSdConfig;
import io.promrelay.config.FileSdTargets;
import io.promrelay.discovery.DiscoveryProvider;
import io.promrelay.discovery.TargetGroup;
import io.promrelay.discovery.staticconfig.StaticDiscovery;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code file_sd_configs}: re-reads the matching files when one changes and every refresh_interval.
 * Changes are found by polling modification times rather than inotify, because Kubernetes updates
 * mounted ConfigMaps by swapping a symlink, which file watchers report unreliably. A file that fails
 * to parse keeps its last good targets, as in Prometheus, and the error is logged with file and line.
 */
public final class FileDiscovery implements DiscoveryProvider {
    private static final Logger LOG = Logger.getLogger(FileDiscovery.class.getName());
    private static final long MAX_POLL_MILLIS = 5_000;

    private final Vertx vertx;
    private final FileSdConfig config;
    private final Map<Path, FileTime> seenModified = new HashMap<>();
    private final Map<Path, List<TargetGroup>> groupsByFile = new HashMap<>();
    private long timerId = -1;
    private long lastFullRefresh;
    private volatile boolean stopped;

    public FileDiscovery(Vertx vertx, FileSdConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    @Override
    public void start(Consumer<List<TargetGroup>> onGroups) {
        long poll = Math.max(1, Math.min(MAX_POLL_MILLIS, config.refreshInterval().toMillis()));
        poll(onGroups);
        timerId = vertx.setPeriodic(poll, id -> poll(onGroups));
    }

    @Override
    public void stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    private void poll(Consumer<List<TargetGroup>> onGroups) {
        vertx.executeBlocking(this::refresh, false).onSuccess(changed -> {
            if (changed != null && !stopped) {
                onGroups.accept(changed);
            }
        }).onFailure(e -> LOG.log(Level.WARNING, "file_sd refresh failed", e));
    }

    /** Runs on a worker thread (file I/O); returns all groups when something changed, else null. */
    private synchronized List<TargetGroup> refresh() {
        long now = System.currentTimeMillis();
        boolean full = now - lastFullRefresh >= config.refreshInterval().toMillis();
        if (full) {
            lastFullRefresh = now;
        }
        boolean changed = false;
        TreeSet<Path> present = matchingFiles();
        changed |= seenModified.keySet().retainAll(present);
        changed |= groupsByFile.keySet().retainAll(present);
        for (Path file : present) {
            FileTime modified = modifiedTime(file);
            if (!full && modified != null && modified.equals(seenModified.get(file))) {
                continue;
            }
            seenModified.put(file, modified);
            try {
                List<TargetGroup> groups = StaticDiscovery.toGroups(FileSdTargets.parse(file), file.toString());
                changed |= !groups.equals(groupsByFile.put(file, groups));
            } catch (ConfigException e) {
                LOG.warning("file_sd: keeping the last good targets of " + file + ": " + e.getMessage());
            }
        }
        if (!changed) {
            return null;
        }
        List<TargetGroup> all = new ArrayList<>();
        present.forEach(f -> all.addAll(groupsByFile.getOrDefault(f, List.of())));
        return all;
    }

    private TreeSet<Path> matchingFiles() {
        TreeSet<Path> files = new TreeSet<>();
        for (String pattern : config.files()) {
            Path p = Path.of(pattern);
            Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
            String glob = p.getFileName().toString();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
                for (Path f : stream) {
                    if (Files.isRegularFile(f)) {
                        files.add(f);
                    }
                }
            } catch (IOException e) {
                LOG.fine(() -> "file_sd: cannot list " + dir + ": " + e.getMessage());
            }
        }
        return files;
    }

    private static FileTime modifiedTime(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return null;
        }
    }
}
