package io.promrelay.http;

import java.io.IOException;
import java.nio.file.Path;

/** A credential or TLS file the relay could not read; the message names the file, never its content. */
public final class UnreadableFileException extends IOException {
    private final Path file;

    UnreadableFileException(String what, Path file, Throwable cause) {
        super("unable to read " + what + " " + file + ": " + rootName(cause), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    private static String rootName(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
