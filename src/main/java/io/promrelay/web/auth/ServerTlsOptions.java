package io.promrelay.web.auth;

import io.promrelay.config.ConfigException;
import io.promrelay.config.TlsServerConfig;
import io.promrelay.config.TlsServerConfig.ClientAuthType;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.ServerSSLOptions;
import io.vertx.core.net.TrustOptions;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;

/**
 * Turns {@code tls_server_config} and the files it names into Vert.x server SSL options, checking everything Go's
 * crypto/tls would refuse (unparsable PEM, a key that does not belong to the certificate, unknown ciphers) so that
 * a broken set of files is reported and never handed to the server. Blocking: only on worker threads.
 */
final class ServerTlsOptions {
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    /** Go never lets cipher_suites limit TLS 1.3, JSSE would: these stay enabled whenever TLS 1.3 is. */
    private static final List<String> TLS13_SUITES =
            List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256");

    private ServerTlsOptions() {
    }

    /** The options for the reading's TLS settings, or null when the web config asks for plain HTTP. */
    static ServerSSLOptions build(Vertx vertx, WebConfigReading reading) throws ConfigException {
        TlsServerConfig tls = reading.config().tls();
        if (tls == null) {
            return null;
        }
        String file = reading.config().file().toString();
        byte[] cert = reading.file(tls.certFile(), "cert_file");
        byte[] key = reading.file(tls.keyFile(), "key_file");
        List<X509Certificate> chain = certificates(cert, file, "cert_file", tls.certFile());
        PemKeyCertOptions keyCert = new PemKeyCertOptions().addCertValue(Buffer.buffer(cert)).addKeyValue(Buffer.buffer(key));
        if (!KeyPairCheck.matches(privateKey(vertx, keyCert, chain.get(0), file, tls.keyFile()), chain.get(0).getPublicKey())) {
            throw new ConfigException(file + ": tls_server_config: the private key in " + tls.keyFile()
                    + " does not match the certificate in " + tls.certFile());
        }
        ServerSSLOptions options = new ServerSSLOptions()
                .setKeyCertOptions(keyCert)
                .setClientAuth(clientAuth(tls.clientAuthType()))
                .setEnabledSecureTransportProtocols(protocols(tls));
        if (tls.clientAuthType() != ClientAuthType.NoClientCert) {
            List<X509Certificate> cas = tls.clientCaFile() == null ? null
                    : certificates(reading.file(tls.clientCaFile(), "client_ca_file"), file, "client_ca_file",
                    tls.clientCaFile());
            try {
                options.setTrustOptions(TrustOptions.wrap(
                        ClientCertificateTrust.of(tls.clientAuthType(), cas, tls.clientAllowedSans())));
            } catch (GeneralSecurityException e) {
                throw new ConfigException(file + ": tls_server_config.client_ca_file: " + e.getMessage(), e);
            }
        }
        for (String suite : cipherSuites(tls, file)) {
            options.addEnabledCipherSuite(suite);
        }
        return options;
    }

    /** The options a server is created with, for TLS from its first connection on. */
    static void applyTo(HttpServerOptions server, ServerSSLOptions ssl) {
        server.setSsl(true)
                .setKeyCertOptions(ssl.getKeyCertOptions())
                .setClientAuth(ssl.getClientAuth())
                .setEnabledSecureTransportProtocols(ssl.getEnabledSecureTransportProtocols());
        if (ssl.getTrustOptions() != null) {
            server.setTrustOptions(ssl.getTrustOptions());
        }
        ssl.getEnabledCipherSuites().forEach(server::addEnabledCipherSuite);
    }

    private static List<X509Certificate> certificates(byte[] pem, String file, String key, Path path)
            throws ConfigException {
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (!certs.isEmpty()) {
                return certs;
            }
        } catch (CertificateException e) {
            throw new ConfigException(file + ": tls_server_config." + key + ": " + path
                    + " holds no valid PEM certificate: " + e.getMessage(), e);
        }
        throw new ConfigException(file + ": tls_server_config." + key + ": " + path + " holds no PEM certificate");
    }

    // The key is loaded the way the server will load it; its parse errors are not echoed, they could quote it.
    private static PrivateKey privateKey(Vertx vertx, PemKeyCertOptions keyCert, X509Certificate cert, String file,
                                         Path path) throws ConfigException {
        try {
            for (KeyManager manager : keyCert.getKeyManagerFactory(vertx).getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    String[] aliases = x509.getServerAliases(cert.getPublicKey().getAlgorithm(), null);
                    if (aliases != null && aliases.length > 0) {
                        return x509.getPrivateKey(aliases[0]);
                    }
                }
            }
        } catch (Exception e) {
            throw new ConfigException(file + ": tls_server_config.key_file: cannot load a PEM private key from "
                    + path + " (" + e.getClass().getSimpleName() + ")", e);
        }
        throw new ConfigException(file + ": tls_server_config: the private key in " + path
                + " is not of the certificate's type " + cert.getPublicKey().getAlgorithm());
    }

    private static ClientAuth clientAuth(ClientAuthType type) {
        if (type == ClientAuthType.NoClientCert) {
            return ClientAuth.NONE;
        }
        return type.required() ? ClientAuth.REQUIRED : ClientAuth.REQUEST;
    }

    private static Set<String> protocols(TlsServerConfig tls) {
        return new LinkedHashSet<>(PROTOCOLS.subList(PROTOCOLS.indexOf(tls.minVersion()),
                PROTOCOLS.indexOf(tls.maxVersion()) + 1));
    }

    private static List<String> cipherSuites(TlsServerConfig tls, String file) throws ConfigException {
        if (tls.cipherSuites().isEmpty()) {
            return List.of();
        }
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getCipherSuites());
        } catch (GeneralSecurityException e) {
            throw new ConfigException(file + ": tls_server_config.cipher_suites: " + e.getMessage(), e);
        }
        Set<String> suites = new LinkedHashSet<>(tls.cipherSuites());
        if (tls.maxVersion().equals("TLSv1.3")) {
            suites.addAll(TLS13_SUITES);
        }
        for (String suite : suites) {
            if (!supported.contains(suite)) {
                throw new ConfigException(file + ": tls_server_config.cipher_suites: " + suite
                        + " is not supported by this JVM");
            }
        }
        return List.copyOf(suites);
    }
}
