package io.promrelay.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class KnownSecretsTest {
    @Test
    void replacesEveryOccurrenceOfARegisteredValue() {
        String token = "tok-" + UUID.randomUUID();
        KnownSecrets.register(token);
        assertEquals("Authorization: Bearer <secret>; again <secret>",
                KnownSecrets.redact("Authorization: Bearer " + token + "; again " + token));
    }

    @Test
    void aSecretContainingAnotherIsReplacedWhole() {
        String inner = "in-" + UUID.randomUUID();
        String outer = "out-" + inner + "-tail";
        KnownSecrets.register(inner);
        KnownSecrets.register(outer);
        assertEquals("x <secret> y", KnownSecrets.redact("x " + outer + " y"));
    }

    @Test
    void fileContentsAreRegisteredTrimmed() {
        String value = "file-" + UUID.randomUUID();
        KnownSecrets.register(value + "\n");
        assertEquals("got <secret>", KnownSecrets.redact("got " + value));
    }

    @Test
    void shortValuesAreNotRedactedFromFreeText() {
        KnownSecrets.register("ab");
        assertEquals("a tab label", KnownSecrets.redact("a tab label"));
    }

    @Test
    void inlineConfigSecretsAreKnownFromTheStart() {
        String value = "inline-" + UUID.randomUUID();
        new Secret(value);
        assertEquals("<secret>", KnownSecrets.redact(value));
    }
}
