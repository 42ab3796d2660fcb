package io.promrelay.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.sun.management.ThreadMXBean;
import io.promrelay.remote.RemoteWriteException;
import io.promrelay.remote.WriteRequestDecoder;
import io.promrelay.testing.RemoteWriteBodies;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Timeout;

/**
 * Remote-write bodies as {@code POST /api/v1/write} receives them, with the receiver's own limits. A body decodes or
 * is refused with RemoteWriteException and a message; and decoding allocates in proportion to what the body holds,
 * never to what a header claims, so a few bytes cannot make the receiver reserve the limit's worth of memory.
 * {@link #body} gets raw bytes, so the snappy layer is explored; {@link #message} gets the protobuf message, which
 * the target compresses, so mutations explore the WriteRequest itself.
 */
class WriteRequestDecoderFuzzTest {
    /** The receiver's limit on a decompressed message. */
    private static final int MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024;
    /**
     * Allowed allocation per decompressed byte: the decompressed copy, protobuf's objects (a 2-byte empty label
     * becomes two objects of some 24 bytes and a list slot) and the decoder's labels and arrays.
     */
    private static final long BYTES_PER_MESSAGE_BYTE = 96;
    /** The decoder's fixed structures; class loading is not measured: each body is decoded twice, the second measured. */
    private static final long FIXED_ALLOWANCE = 1L << 20;
    /** A snappy element can expand to at most 22 bytes per compressed byte. */
    private static final long MAX_SNAPPY_EXPANSION = 22;
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void body(byte[] body) {
        decodesWithinMemoryBound(body, body.length * MAX_SNAPPY_EXPANSION);
    }

    @Timeout(10)
    @FuzzTest(maxDuration = "5m")
    void message(byte[] protobuf) {
        decodesWithinMemoryBound(RemoteWriteBodies.snappy(protobuf), protobuf.length);
    }

    private static void decodesWithinMemoryBound(byte[] body, long maxMessageBytes) {
        ParseContract.parsesOrRefuses(RemoteWriteException.class,
                () -> new WriteRequestDecoder(MAX_UNCOMPRESSED_BYTES).decode(body));
        long before = THREADS.getCurrentThreadAllocatedBytes();
        ParseContract.parsesOrRefuses(RemoteWriteException.class,
                () -> new WriteRequestDecoder(MAX_UNCOMPRESSED_BYTES).decode(body));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        long bound = FIXED_ALLOWANCE + maxMessageBytes * BYTES_PER_MESSAGE_BYTE;
        if (allocated > bound) {
            throw new AssertionError("decoding a body of " + body.length + " bytes allocated " + allocated
                    + " bytes, more than the bound of " + bound);
        }
    }
}
