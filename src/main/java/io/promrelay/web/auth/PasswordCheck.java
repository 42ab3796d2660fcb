package io.promrelay.web.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import io.promrelay.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks a basic-auth password against its bcrypt hash on a worker thread, as a bcrypt costs tens of
 * milliseconds of CPU. Successful checks are remembered, as exporter-toolkit does, keyed by a SHA-256 of user, hash
 * and password (never the password itself) so that a scraper's every request does not pay a full bcrypt; a changed
 * hash makes a different key, so a password change takes effect at once. Failed checks are not remembered, so
 * guessing always pays the full cost. An unknown user is checked against a decoy hash so that the answer takes as
 * long as for a known one and does not reveal which users exist.
 */
final class PasswordCheck {
    /** Bounds the memory of remembered logins; beyond, one is forgotten and pays a bcrypt next time. */
    private static final int MAX_REMEMBERED = 100;
    /** Checks waiting for the worker; beyond, requests are turned away rather than queued without bound. */
    static final int MAX_PENDING = 32;
    private static final byte[] DECOY_HASH =
            "$2a$10$w04SEwFgtBnmbU0/YBaI.eXUsKpKeBJkYIgYg60Q.GdppI4QqwYgi".getBytes(StandardCharsets.US_ASCII);
    /** Go's bcrypt looks at the first 72 bytes of a password only. */
    private static final BCrypt.Verifyer BCRYPT =
            BCrypt.verifyer(BCrypt.Version.VERSION_2A, LongPasswordStrategies.truncate(BCrypt.Version.VERSION_2A));

    /** Too many checks are already waiting for the worker. */
    static final class Overloaded extends RuntimeException {
        Overloaded() {
            super("too many password checks waiting", null, false, false);
        }
    }

    private final WorkerExecutor worker;
    private final Set<String> remembered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pending = new AtomicInteger();

    PasswordCheck(WorkerExecutor worker) {
        this.worker = worker;
    }

    /**
     * Whether {@code password} is the one of {@code hash}; a null hash (unknown user) is never accepted. Fails with
     * {@link Overloaded} when {@link #MAX_PENDING} checks are already waiting.
     */
    Future<Boolean> verify(String user, String password, Secret hash) {
        byte[] hashBytes = hash == null ? DECOY_HASH : hash.reveal().getBytes(StandardCharsets.UTF_8);
        String key = key(user, hashBytes, password);
        if (hash != null && remembered.contains(key)) {
            return Future.succeededFuture(true);
        }
        if (pending.incrementAndGet() > MAX_PENDING) {
            pending.decrementAndGet();
            return Future.failedFuture(new Overloaded());
        }
        return worker.executeBlocking(() -> BCRYPT.verify(password.getBytes(StandardCharsets.UTF_8), hashBytes).verified,
                        false)
                .andThen(done -> pending.decrementAndGet())
                .map(verified -> {
                    boolean accepted = verified && hash != null;
                    if (accepted) {
                        remember(key);
                    }
                    return accepted;
                });
    }

    private void remember(String key) {
        if (remembered.size() >= MAX_REMEMBERED) {
            Iterator<String> any = remembered.iterator();
            if (any.hasNext()) {
                remembered.remove(any.next());
            }
        }
        remembered.add(key);
    }

    // Length-prefixed parts, so that "ab"+"c" and "a"+"bc" differ.
    private static String key(String user, byte[] hash, String password) {
        MessageDigest digest = WebConfigReading.sha256();
        for (byte[] part : new byte[][] {user.getBytes(StandardCharsets.UTF_8), hash,
                password.getBytes(StandardCharsets.UTF_8)}) {
            digest.update(ByteBuffer.allocate(4).putInt(part.length).array());
            digest.update(part);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
