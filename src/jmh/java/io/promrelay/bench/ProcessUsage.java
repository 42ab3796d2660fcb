package io.promrelay.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the kernel says a process has used so far: CPU time (user + system) and resident memory. */
record ProcessUsage(double cpuSeconds, long rssBytes) {
    /**
     * USER_HZ, the unit of /proc/PID/stat times; 100 on every Linux architecture Java runs on, and
     * the JDK offers no portable way to ask.
     */
    private static final double CLOCK_TICKS_PER_SECOND = 100;
    private static final int UTIME_AFTER_COMM = 11;
    private static final int STIME_AFTER_COMM = 12;

    static ProcessUsage of(long pid) {
        return new ProcessUsage(cpuSeconds(pid), rssBytes(pid));
    }

    private static double cpuSeconds(long pid) {
        String stat = read(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name in parentheses may hold spaces, so fields are counted from its closing ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[UTIME_AFTER_COMM]) + Long.parseLong(fields[STIME_AFTER_COMM]);
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    private static long rssBytes(long pid) {
        for (String line : read(Path.of("/proc", Long.toString(pid), "status")).split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring("VmRSS:".length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/" + pid + "/status");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (has the process exited?)", e);
        }
    }
}
