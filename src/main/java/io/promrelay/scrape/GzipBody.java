package io.promrelay.scrape;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/**
 * Decodes a gzip-encoded scrape body on a scrape worker, never on an event loop, counting the decoded bytes
 * against the body limit as they come out: a few kilobytes that inflate to gigabytes fail at the limit instead
 * of filling the heap.
 */
final class GzipBody {
    private static final int CHUNK = 64 * 1024;

    private GzipBody() {
    }

    /** The body as the parser needs it: unchanged unless it came gzip-encoded. */
    static ScrapeBody decoded(ScrapeBody body, BodyLimit limit) throws ScrapeFailure {
        if (!body.gzip()) {
            return body;
        }
        BodyCollector plain = new BodyCollector(Math.max(body.length() * 4, CHUNK), limit.bytes());
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body.bytes(), 0, body.length()), CHUNK)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                if (!plain.append(chunk, n)) {
                    throw limit.exceeded();
                }
            }
        } catch (IOException e) {
            throw new ScrapeFailure("gzip: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    new FailureEvidence.Refused(FailureKind.PARSE_ERROR));
        }
        return plain.finish(body.contentType(), false);
    }
}
