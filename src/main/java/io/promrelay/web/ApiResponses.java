package io.promrelay.web;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The envelope of Prometheus's HTTP API: {"status":"success","data":...} or an error with its type. */
final class ApiResponses {
    private ApiResponses() {
    }

    static void success(RoutingContext ctx, Object data) {
        send(ctx, 200, new JsonObject().put("status", "success").put("data", data).encode());
    }

    /** A success whose data is already JSON text; warnings are left out when there are none, as Prometheus does. */
    static void success(RoutingContext ctx, QueryRunner.Answer answer) {
        StringBuilder body = new StringBuilder(answer.dataJson().length() + 64);
        body.append("{\"status\":\"success\",\"data\":").append(answer.dataJson());
        if (!answer.warnings().isEmpty()) {
            body.append(",\"warnings\":").append(Json.encode(answer.warnings()));
        }
        send(ctx, 200, body.append('}').toString());
    }

    static void error(RoutingContext ctx, int status, String errorType, String message) {
        send(ctx, status, new JsonObject().put("status", "error").put("errorType", errorType).put("error", message)
                .encode());
    }

    static void error(RoutingContext ctx, ApiError e) {
        error(ctx, e.type().httpStatus, e.type().apiName, e.getMessage());
    }

    private static void send(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }
}
