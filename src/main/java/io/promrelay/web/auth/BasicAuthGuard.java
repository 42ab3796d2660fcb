package io.promrelay.web.auth;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs before every route: adds the configured headers to the answer and, when basic_auth_users is set, lets the
 * request through only with a valid {@code Authorization: Basic} header; otherwise 401 with
 * {@code WWW-Authenticate: Basic}, as exporter-toolkit answers. The rules are swapped whole when the web config
 * changes, so a request sees either the old rules or the new ones.
 */
final class BasicAuthGuard implements Handler<RoutingContext> {
    private static final String BASIC = "basic ";

    private final AtomicReference<AccessRules> rules;
    private final PasswordCheck passwords;

    BasicAuthGuard(AccessRules initial, PasswordCheck passwords) {
        this.rules = new AtomicReference<>(initial);
        this.passwords = passwords;
    }

    void use(AccessRules next) {
        rules.set(next);
    }

    @Override
    public void handle(RoutingContext ctx) {
        AccessRules current = rules.get();
        HttpServerResponse response = ctx.response();
        current.headers().forEach(response::putHeader);
        if (current.users().isEmpty()) {
            ctx.next();
            return;
        }
        String[] credentials = credentials(ctx.request().getHeader("Authorization"));
        if (credentials == null) {
            unauthorized(response);
            return;
        }
        // The body waits while the password is checked: a route's body handler must see the request before it
        // ends. Resumed only after the next handler ran, which may have taken the body over by then.
        ctx.request().pause();
        passwords.verify(credentials[0], credentials[1], current.users().get(credentials[0])).onComplete(checked -> {
            if (checked.succeeded() && checked.result()) {
                ctx.next();
            } else if (checked.failed() && checked.cause() instanceof PasswordCheck.Overloaded) {
                plain(response.putHeader("Retry-After", "1"), 503, "Service Unavailable");
            } else {
                unauthorized(response);
            }
            ctx.request().resume();
        });
    }

    /** User and password of a basic {@code Authorization} header, or null when there is none or it is malformed. */
    private static String[] credentials(String header) {
        if (header == null || header.length() < BASIC.length()
                || !header.substring(0, BASIC.length()).toLowerCase(Locale.ROOT).equals(BASIC)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    }

    private static void unauthorized(HttpServerResponse response) {
        plain(response.putHeader("WWW-Authenticate", "Basic"), 401, "Unauthorized");
    }

    // As Go's http.Error writes it.
    private static void plain(HttpServerResponse response, int status, String text) {
        response.setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("X-Content-Type-Options", "nosniff")
                .end(text + "\n");
    }
}
