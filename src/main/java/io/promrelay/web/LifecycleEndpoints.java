package io.promrelay.web;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * {@code /-/reload} and {@code /-/quit}, answering as Prometheus 2.42's: POST or PUT act when the lifecycle API is
 * enabled and get 403 otherwise, GET gets 405. A reload answers once it is done: 200 with an empty body, or 500
 * with the reason.
 */
public final class LifecycleEndpoints {
    static final String NOT_ENABLED = "Lifecycle API is not enabled.";
    private static final String TEXT = "text/plain; charset=utf-8";

    private LifecycleEndpoints() {
    }

    /**
     * @param enabled whether {@code --web.enable-lifecycle} is given
     * @param reload  reloads the config, failing with the reason
     * @param quit    ends the relay; run once, after the answer has been sent
     */
    public static void install(Router router, boolean enabled, Supplier<Future<Void>> reload, Runnable quit) {
        AtomicBoolean quitting = new AtomicBoolean();
        for (HttpMethod method : new HttpMethod[] {HttpMethod.POST, HttpMethod.PUT}) {
            router.route(method, "/-/reload").handler(enabled ? ctx -> reload(ctx, reload) : LifecycleEndpoints::forbidden);
            router.route(method, "/-/quit").handler(enabled ? ctx -> quit(ctx, quitting, quit) : LifecycleEndpoints::forbidden);
        }
        router.get("/-/reload").handler(LifecycleEndpoints::onlyPostOrPut);
        router.get("/-/quit").handler(LifecycleEndpoints::onlyPostOrPut);
    }

    private static void reload(RoutingContext ctx, Supplier<Future<Void>> reload) {
        Context context = Vertx.currentContext();
        reload.get().onComplete(result -> context.runOnContext(v -> answerReload(ctx, result)));
    }

    private static void answerReload(RoutingContext ctx, AsyncResult<Void> result) {
        if (result.succeeded()) {
            ctx.response().end();
        } else {
            ctx.response().setStatusCode(500).putHeader("Content-Type", TEXT)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .end("failed to reload config: " + result.cause().getMessage() + "\n");
        }
    }

    private static void quit(RoutingContext ctx, AtomicBoolean quitting, Runnable quit) {
        if (!quitting.compareAndSet(false, true)) {
            ctx.response().putHeader("Content-Type", TEXT).end("Termination already in progress.");
            return;
        }
        ctx.response().putHeader("Content-Type", TEXT).end("Requesting termination... Goodbye!")
                .onComplete(sent -> quit.run());
    }

    private static void forbidden(RoutingContext ctx) {
        ctx.response().setStatusCode(403).putHeader("Content-Type", TEXT).end(NOT_ENABLED);
    }

    private static void onlyPostOrPut(RoutingContext ctx) {
        ctx.response().setStatusCode(405).putHeader("Content-Type", TEXT).end("Only POST or PUT requests allowed");
    }
}
