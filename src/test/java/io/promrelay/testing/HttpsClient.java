package io.promrelay.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS requests to a server on 127.0.0.1 that trusts one CA only, optionally showing a client certificate. Each
 * instance has its own connections, so a new one sees the server's current certificate.
 */
public final class HttpsClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final char[] STORE_PASSWORD = "test".toCharArray();

    private final HttpClient client;

    private HttpsClient(SSLContext context) {
        this.client = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT).build();
    }

    /** Trusts only {@code caCert}; shows no client certificate. */
    public static HttpsClient trusting(Path caCert) {
        return new HttpsClient(context(caCert, null));
    }

    /** Trusts only {@code caCert}; shows {@code clientCert} when the server asks. */
    public static HttpsClient withClientCertificate(Path caCert, TestCertificates.PemPair clientCert) {
        return new HttpsClient(context(caCert, clientCert));
    }

    /** The value of an {@code Authorization} header for basic auth. */
    public static String basicAuth(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A GET with the given headers (name, value, ...); throws when no HTTP answer comes (handshake refused). */
    public Http.Response get(URI uri, String... headers) throws IOException {
        return send(request(uri, headers).GET().build()).response();
    }

    public Http.Response post(URI uri, byte[] body, String... headers) throws IOException {
        return send(request(uri, headers).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()).response();
    }

    /** The certificate the server showed for a GET of {@code uri}. */
    public X509Certificate serverCertificate(URI uri, String... headers) throws IOException {
        return send(request(uri, headers).GET().build()).certificate();
    }

    private record Exchange(Http.Response response, X509Certificate certificate) {
    }

    private static HttpRequest.Builder request(URI uri, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    private Exchange send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            X509Certificate served = response.sslSession()
                    .map(session -> {
                        try {
                            return (X509Certificate) session.getPeerCertificates()[0];
                        } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                            return null;
                        }
                    }).orElse(null);
            return new Exchange(new Http.Response(response.statusCode(), response.body(), response.headers()), served);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private static SSLContext context(Path caCert, TestCertificates.PemPair clientCert) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificate(caCert));
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            KeyManagerFactory keyManagers = null;
            if (clientCert != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", privateKey(clientCert.key()), STORE_PASSWORD,
                        new Certificate[] {certificate(clientCert.cert())});
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, STORE_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(),
                    null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the test TLS context", e);
        }
    }

    private static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (var in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    /** The PKCS#8 RSA key {@link TestCertificates} writes. */
    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
