package io.promrelay.scrape;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class GzipBodyTest {
    private static final String TEXT = "text/plain; version=0.0.4";
    private static final BodyLimit ONE_MIB = new BodyLimit(1 << 20, true);

    @Test
    void aGzipBodyWithinTheLimitIsDecoded() throws Exception {
        byte[] plain = "# TYPE a gauge\na 1\n".getBytes(StandardCharsets.UTF_8);
        ScrapeBody decoded = GzipBody.decoded(gzipped(plain), ONE_MIB);
        assertArrayEquals(plain, Arrays.copyOf(decoded.bytes(), decoded.length()));
        assertEquals(TEXT, decoded.contentType());
        assertFalse(decoded.gzip());
    }

    @Test
    void decodedBytesCountAgainstTheLimitSoABombFailsAtIt() throws Exception {
        byte[] plain = new byte[(1 << 20) + 1];
        Arrays.fill(plain, (byte) '\n');
        ScrapeBody bomb = gzipped(plain);
        assertTrue(bomb.length() < 8192, "the test's bomb is small on the wire: " + bomb.length());
        ScrapeFailure e = assertThrows(ScrapeFailure.class, () -> GzipBody.decoded(bomb, ONE_MIB));
        assertEquals("body size limit exceeded (body_size_limit: 1048576 bytes)", e.getMessage());
        assertEquals(new FailureEvidence.Refused(FailureKind.BODY_SIZE_LIMIT), e.evidence());
    }

    @Test
    void withoutBodySizeLimitTheRelayDefaultIsNamed() {
        BodyLimit limit = BodyLimit.of(ScrapeTestSupport.config(false, true, 0, 0));
        assertEquals(BodyLimit.DEFAULT_BYTES, limit.bytes());
        assertEquals("body size limit exceeded (the relay's default of 67108864 bytes for jobs without body_size_limit)",
                limit.exceeded().getMessage());
    }

    @Test
    void aCorruptGzipBodyFailsTheScrapeNamingGzip() {
        byte[] notGzip = "a 1\n".getBytes(StandardCharsets.UTF_8);
        ScrapeFailure e = assertThrows(ScrapeFailure.class,
                () -> GzipBody.decoded(new ScrapeBody(notGzip, notGzip.length, TEXT, true), ONE_MIB));
        assertTrue(e.getMessage().startsWith("gzip: "), e.getMessage());
    }

    @Test
    void aBodyThatIsNotGzipEncodedIsLeftAlone() throws Exception {
        byte[] plain = "a 1\n".getBytes(StandardCharsets.UTF_8);
        ScrapeBody body = new ScrapeBody(plain, plain.length, TEXT);
        assertSame(body, GzipBody.decoded(body, ONE_MIB));
    }

    private static ScrapeBody gzipped(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(plain);
        }
        byte[] bytes = out.toByteArray();
        return new ScrapeBody(bytes, bytes.length, TEXT, true);
    }
}
