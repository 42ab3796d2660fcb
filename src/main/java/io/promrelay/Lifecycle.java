package io.promrelay;

/**
 * How a running relay reloads its config and ends on request.
 *
 * @param source     what a reload (SIGHUP, {@code POST /-/reload}) reads
 * @param webEnabled whether {@code /-/reload} and {@code /-/quit} act ({@code --web.enable-lifecycle}); without it
 *                   they answer 403, as Prometheus's do
 * @param quit       ends the process the way SIGTERM does; called once {@code /-/quit} has been answered
 */
public record Lifecycle(ConfigSource source, boolean webEnabled, Runnable quit) {
    /** Reloads from {@code source} on SIGHUP only; the HTTP lifecycle endpoints refuse. */
    public static Lifecycle webDisabled(ConfigSource source) {
        return new Lifecycle(source, false, () -> {
            throw new IllegalStateException("the lifecycle API is not enabled");
        });
    }
}
