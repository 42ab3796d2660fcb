package io.promrelay.relabel;

import io.promrelay.model.Labels;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * {@code hashmod}: sets the target label to a shard number derived from the joined source values.
 *
 * <p>The formula, checked against prometheus/prometheus {@code model/relabel/relabel.go}: take the
 * MD5 of the UTF-8 bytes, read digest bytes 8..15 as a big-endian unsigned 64-bit integer,
 * reduce it modulo {@code modulus} and store it in decimal. Since PR #11551 (late 2022) the Go
 * code spells this {@code binary.BigEndian.Uint64(sum[8:]) % modulus}; the older {@code sum64}
 * helper shifted all 16 bytes into a uint64, but Go's shifts by 64 bits or more give 0, so only
 * the same last 8 bytes ever counted: both spellings give identical shards in every 2.x release.
 */
record HashmodStep(SourceValues source, String targetLabel, long modulus) implements RelabelStep {
    private static final int LAST_HALF_OF_MD5 = 8;

    @Override
    public boolean apply(Labels.Builder labels) {
        byte[] digest = md5().digest(source.join(labels).getBytes(StandardCharsets.UTF_8));
        long hash = ByteBuffer.wrap(digest, LAST_HALF_OF_MD5, Long.BYTES).getLong();
        // Both are Go uint64 values; Java's signed long needs the unsigned operations.
        labels.set(targetLabel, Long.toUnsignedString(Long.remainderUnsigned(hash, modulus)));
        return true;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime must provide MD5", e);
        }
    }
}
