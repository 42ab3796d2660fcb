package io.promrelay.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Times /federate as an upstream Prometheus would use it: one selector, the text format, with or
 * without gzip. Latency runs from sending the request to the last body byte; the body is examined
 * only after the clock stops.
 */
final class FederateProbe {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String selector;

    FederateProbe(String selector) {
        this.selector = selector;
    }

    /** What one kind of request yields, as medians over the repeats. */
    record Result(double medianMillis, double medianWireBytes, long series, long targetsUp,
                  double medianScrapeSeconds) {
    }

    Result measure(URI base, boolean gzip, int repeats) {
        double[] millis = new double[repeats];
        double[] bytes = new double[repeats];
        byte[] last = null;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            last = fetch(base, gzip);
            millis[i] = (System.nanoTime() - start) / 1e6;
            bytes[i] = last.length;
        }
        Body body = Body.of(gzip ? gunzip(last) : last);
        return new Result(median(millis), median(bytes), body.series(), body.targetsUp(), body.medianScrapeSeconds());
    }

    private byte[] fetch(URI base, boolean gzip) {
        URI uri = base.resolve("/federate?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET()
                .header("Accept", "text/plain;version=0.0.4");
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        try {
            HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": "
                        + new String(response.body(), 0, Math.min(500, response.body().length), StandardCharsets.UTF_8));
            }
            boolean zipped = response.headers().firstValue("Content-Encoding").filter("gzip"::equals).isPresent();
            if (zipped != gzip) {
                throw new IllegalStateException("GET " + uri + (gzip ? " ignored" : " forced") + " gzip");
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + uri, e);
        }
    }

    private static byte[] gunzip(byte[] zipped) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("federate answer is not valid gzip", e);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * The series in a federate answer, how many of them are {@code up} series saying 1, and the median of the
     * {@code scrape_duration_seconds} series (how long each target's last scrape and ingestion took).
     */
    private record Body(long series, long targetsUp, double medianScrapeSeconds) {
        static Body of(byte[] text) {
            long series = 0;
            long up = 0;
            List<Double> scrapeSeconds = new ArrayList<>();
            for (String line : new String(text, StandardCharsets.UTF_8).split("\n")) {
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                series++;
                String value = line.substring(line.lastIndexOf('}') + 1).trim().split(" ")[0];
                if (line.startsWith("up{") && value.equals("1")) {
                    up++;
                } else if (line.startsWith("scrape_duration_seconds{")) {
                    scrapeSeconds.add(Double.parseDouble(value));
                }
            }
            double median = scrapeSeconds.isEmpty() ? Double.NaN
                    : median(scrapeSeconds.stream().mapToDouble(Double::doubleValue).toArray());
            return new Body(series, up, median);
        }
    }
}
