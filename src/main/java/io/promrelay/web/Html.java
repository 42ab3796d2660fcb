package io.promrelay.web;

import io.promrelay.model.Labels;
import io.vertx.ext.web.RoutingContext;

/**
 * The shared frame of the human pages: escaping, one layout with the navigation, and the response headers.
 * Pages are complete without JavaScript or any outside asset, so they work from an air-gapped cluster and
 * through kubectl port-forward.
 */
final class Html {
    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
            nav{background:#263238;padding:8px 16px}nav a{color:#eceff1;margin-right:18px;text-decoration:none}
            nav b{color:#fff;margin-right:24px}main{padding:8px 16px}h2{margin:22px 0 6px;font-size:17px}
            table{border-collapse:collapse;width:100%;background:#fff;margin-bottom:8px}
            th,td{border:1px solid #dde1e3;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#eceff1}.up{color:#1b5e20;font-weight:600}.down{color:#b71c1c;font-weight:600}
            .unknown{color:#616161}tr.failed{background:#fff5f5}.hint{color:#0d47a1}
            .label{display:inline-block;background:#e3f2fd;border-radius:3px;padding:0 4px;margin:1px;font-size:12px}
            .err{font-family:monospace;font-size:12px;word-break:break-all}pre{background:#fff;border:1px solid #dde1e3;padding:8px}
            .muted{color:#616161}table.facts{width:auto;min-width:480px}
            """;

    private Html() {
    }

    /** Text made safe for element content and quoted attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Each label as a badge {@code name="value"}, escaped. */
    static String labels(Labels labels) {
        StringBuilder out = new StringBuilder();
        labels.forEach((name, value) -> out.append("<span class=\"label\">").append(escape(name)).append("=\"")
                .append(escape(value)).append("\"</span> "));
        return out.toString();
    }

    /** Sends a whole page; {@code body} must already be escaped where it holds outside text. */
    static void send(RoutingContext ctx, String title, String body) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                + "<title>" + escape(title) + " - promrelay</title><style>" + STYLE + "</style></head><body>"
                + "<nav><b>promrelay</b><a href=\"/status\">Status</a><a href=\"/targets\">Targets</a>"
                + "<a href=\"/service-discovery\">Service discovery</a><a href=\"/config\">Config</a></nav>"
                + "<main><h1>" + escape(title) + "</h1>" + body + "</main></body></html>\n";
        ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                .end(page);
    }
}
