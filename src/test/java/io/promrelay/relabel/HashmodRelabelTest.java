package io.promrelay.relabel;

import static io.promrelay.relabel.Rule.apply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.promrelay.config.RelabelConfig.Action;
import io.promrelay.model.Labels;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shard numbers must equal Prometheus's, or targets would move between relays and Prometheus servers. */
class HashmodRelabelTest {
    private static Labels hashmod(Labels in, long modulus, String... sources) {
        return apply(in, Rule.of(Action.HASHMOD).sources(sources).target("shard").modulus(modulus));
    }

    @Test
    void matchesPrometheusShardForPlainValue() {
        // prometheus/prometheus model/relabel/relabel_test.go: "baz" modulo 1000 is 976.
        Labels out = hashmod(Labels.of("a", "foo", "b", "bar", "c", "baz"), 1000, "c");
        assertEquals(Labels.of("a", "foo", "b", "bar", "c", "baz", "shard", "976"), out);
    }

    @Test
    void matchesPrometheusShardForValueWithNewline() {
        // Same source: "foo\nbar" modulo 1000 is 734.
        assertEquals("734", hashmod(Labels.of("a", "foo\nbar"), 1000, "a").get("shard"));
    }

    @Test
    void hashesTheJoinedSourceValues() {
        Labels joined = hashmod(Labels.of("a", "foo", "b", "bar"), 1000, "a", "b");
        Labels single = hashmod(Labels.of("x", "foo;bar"), 1000, "x");
        assertEquals(single.get("shard"), joined.get("shard"));
    }

    @Test
    void modulusOneAlwaysGivesZero() {
        assertEquals("0", hashmod(Labels.of("a", "anything"), 1, "a").get("shard"));
    }

    @Test
    void treatsDigestAndModulusAsUnsigned64BitIntegers() throws Exception {
        String value = firstValueWithHighBitSetInLastEightDigestBytes();
        BigInteger hash = new BigInteger(1, Arrays.copyOfRange(md5(value), 8, 16));
        BigInteger modulus = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.valueOf(3));
        Labels out = hashmod(Labels.of("a", value), modulus.longValue(), "a");
        assertEquals(hash.mod(modulus).toString(), out.get("shard"));
        assertEquals(hash.mod(BigInteger.valueOf(7)).toString(), hashmod(Labels.of("a", value), 7, "a").get("shard"));
    }

    @Test
    void zeroModulusIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Relabeler.compile(
            List.of(Rule.of(Action.HASHMOD).sources("a").target("shard").config())));
        assertTrue(e.getMessage().contains("modulus"), e.getMessage());
    }

    private static String firstValueWithHighBitSetInLastEightDigestBytes() throws Exception {
        for (int i = 0; ; i++) {
            if (md5("v" + i)[8] < 0) {
                return "v" + i;
            }
        }
    }

    private static byte[] md5(String s) throws Exception {
        return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
    }
}
