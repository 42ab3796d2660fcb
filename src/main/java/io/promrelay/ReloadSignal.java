package io.promrelay;

import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;

/**
 * SIGHUP reloads the config, as it does for Prometheus. The handler is installed before the relay starts, because
 * the JVM's default for SIGHUP is to exit; a SIGHUP that comes while the relay starts is ignored, as the file is
 * being read right then.
 */
final class ReloadSignal {
    private final AtomicReference<Relay> relay = new AtomicReference<>();

    private ReloadSignal() {
    }

    static ReloadSignal install() {
        ReloadSignal signal = new ReloadSignal();
        Signal.handle(new Signal("HUP"), s -> {
            Relay running = signal.relay.get();
            if (running != null) {
                running.reload();
            }
        });
        return signal;
    }

    /** From now on SIGHUP reloads {@code running}. */
    void reloads(Relay running) {
        relay.set(running);
    }
}
