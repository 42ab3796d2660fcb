package io.promrelay.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway PKI written as PEM files: a CA, a server certificate for 127.0.0.1/localhost, a server certificate
 * for {@link #OTHER_SERVER_NAME} only (to exercise tls_config server_name) and a client certificate.
 *
 * @param caCert     the CA certificate, what a scraper's ca_file and a server's client-CA point at
 * @param localhost  valid for IP 127.0.0.1 and DNS localhost, as server and as client
 * @param otherName  valid for DNS {@link #OTHER_SERVER_NAME} only
 * @param client     for client authentication
 */
public record TestCertificates(Path caCert, PemPair localhost, PemPair otherName, PemPair client) {
    public static final String OTHER_SERVER_NAME = "node-exporter.internal";

    private static final String SIGNATURE = "SHA256withRSA";
    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A certificate and its PKCS#8 private key, both PEM. */
    public record PemPair(Path cert, Path key) {
    }

    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair caKeys = newKeyPair();
            X509Certificate ca = sign(new JcaX509v3CertificateBuilder(
                    new X500Name("CN=promrelay test CA"), serial(), notBefore(), notAfter(),
                    new X500Name("CN=promrelay test CA"), caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
                    caKeys);
            Path caCert = dir.resolve("ca.pem");
            writePem(caCert, ca);
            Issuer issuer = new Issuer(ca, caKeys);
            // Also for client authentication: etcd's JSON gateway dials etcd's own gRPC port with the server
            // certificate, which --client-cert-auth then checks as a client certificate.
            PemPair localhost = issuer.issue(dir, "localhost",
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost"));
            PemPair otherName = issuer.issue(dir, OTHER_SERVER_NAME, new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth},
                    new GeneralName(GeneralName.dNSName, OTHER_SERVER_NAME));
            PemPair client = issuer.issue(dir, "client", new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth},
                    new GeneralName(GeneralName.dNSName, "promrelay-client"));
            return new TestCertificates(caCert, localhost, otherName, client);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create test certificates", e);
        }
    }

    private record Issuer(X509Certificate cert, KeyPair keys) {
        PemPair issue(Path dir, String commonName, KeyPurposeId[] purposes, GeneralName... names)
                throws GeneralSecurityException, OperatorCreationException, IOException {
            KeyPair leafKeys = newKeyPair();
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509Certificate leaf = sign(new JcaX509v3CertificateBuilder(
                    cert, serial(), notBefore(), notAfter(), new X500Name("CN=" + commonName), leafKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(cert)),
                    keys);
            PemPair pair = new PemPair(dir.resolve(commonName + ".pem"), dir.resolve(commonName + "-key.pem"));
            writePem(pair.cert(), leaf);
            writePem(pair.key(), new JcaPKCS8Generator(leafKeys.getPrivate(), null));
            return pair;
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate());
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIALS.incrementAndGet());
    }

    // Back-dated a little so clock differences between peers never make a fresh certificate "not yet valid".
    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(VALIDITY));
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(object);
        }
    }
}
