package io.promrelay.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.promrelay.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bcrypt checks: right and wrong passwords, unknown users, remembered logins, and the bound on waiting checks. */
class PasswordCheckTest {
    private static final Secret HASH = new Secret(BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray()));

    private Vertx vertx;
    private WorkerExecutor worker;
    private PasswordCheck check;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        worker = vertx.createSharedWorkerExecutor("password-check-test", 1);
        check = new PasswordCheck(worker);
    }

    @AfterEach
    void stop() {
        worker.close();
        vertx.close().await();
    }

    @Test
    void onlyTheRightPasswordOfAKnownUserIsAccepted() {
        assertTrue(check.verify("alice", "s3cret", HASH).await());
        assertFalse(check.verify("alice", "wrong", HASH).await());
        assertFalse(check.verify("mallory", "s3cret", null).await());
    }

    @Test
    void aRememberedLoginNeedsNoWorkerButAChangedHashDoes() throws Exception {
        assertTrue(check.verify("alice", "s3cret", HASH).await());
        CountDownLatch release = occupyTheWorker();
        try {
            Future<Boolean> again = check.verify("alice", "s3cret", HASH);
            assertTrue(again.isComplete() && again.result(), "a remembered login waited for the busy worker");

            Secret rotated = new Secret(BCrypt.withDefaults().hashToString(4, "s3cret".toCharArray()));
            assertFalse(check.verify("alice", "s3cret", rotated).isComplete(),
                    "a login remembered for the old hash was taken for the new one without a bcrypt");
        } finally {
            release.countDown();
        }
    }

    @Test
    void beyondTheWaitingBoundChecksAreTurnedAway() throws Exception {
        CountDownLatch release = occupyTheWorker();
        List<Future<Boolean>> waiting = new ArrayList<>();
        try {
            for (int i = 0; i < PasswordCheck.MAX_PENDING; i++) {
                waiting.add(check.verify("alice", "guess" + i, HASH));
            }
            Future<Boolean> turnedAway = check.verify("alice", "s3cret", HASH);

            assertTrue(turnedAway.failed());
            assertInstanceOf(PasswordCheck.Overloaded.class, turnedAway.cause());
        } finally {
            release.countDown();
        }
        for (Future<Boolean> guess : waiting) {
            assertFalse(guess.await());
        }
        assertEquals(true, check.verify("alice", "s3cret", HASH).await(), "the bound frees up once checks finish");
    }

    /** Keeps the check's only worker thread busy until the latch is released. */
    private CountDownLatch occupyTheWorker() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        worker.executeBlocking(() -> {
            started.countDown();
            release.await();
            return null;
        });
        started.await();
        return release;
    }
}
