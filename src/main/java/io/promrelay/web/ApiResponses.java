package io.promrelay.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The envelope of Prometheus's HTTP API: {"status":"success","data":...} or an error with its type. */
final class ApiResponses {
    private ApiResponses() {
    }

    static void success(RoutingContext ctx, Object data) {
        send(ctx, 200, new JsonObject().put("status", "success").put("data", data));
    }

    static void error(RoutingContext ctx, int status, String errorType, String message) {
        send(ctx, status, new JsonObject().put("status", "error").put("errorType", errorType).put("error", message));
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
    }
}
