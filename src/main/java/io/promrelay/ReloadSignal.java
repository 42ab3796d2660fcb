package io.promrelay;

import sun.misc.Signal;

/** SIGHUP reloads the config, as it does for Prometheus. */
final class ReloadSignal {
    private ReloadSignal() {
    }

    static void install(Relay relay) {
        Signal.handle(new Signal("HUP"), signal -> relay.reload());
    }
}
