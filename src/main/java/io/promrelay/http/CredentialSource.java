package io.promrelay.http;

import io.promrelay.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A credential given inline or in a file. A file is read again for every request, because
 * Kubernetes rotates ServiceAccount tokens in place; whitespace around it is trimmed as Prometheus
 * does. Errors name the file, never its content.
 */
final class CredentialSource {
    private final Vertx vertx;
    private final Secret inline;
    private final Path file;

    CredentialSource(Vertx vertx, Secret inline, Path file) {
        this.vertx = vertx;
        this.inline = inline;
        this.file = file;
    }

    Future<String> read() {
        if (file == null) {
            return Future.succeededFuture(inline == null ? "" : inline.reveal());
        }
        return vertx.fileSystem().readFile(file.toString())
                .map(buf -> buf.toString(StandardCharsets.UTF_8).trim())
                .recover(e -> Future.failedFuture("unable to read credentials file " + file + ": " + rootMessage(e)));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
