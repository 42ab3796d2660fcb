package io.promrelay.web.auth;

import io.promrelay.config.TlsServerConfig.ClientAuthType;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Decides which client certificates a handshake accepts, as Go's client auth policies do: the "Verify" policies
 * check the chain against the client CAs (the JVM's trust store without client_ca_file, as Go falls back to the
 * system roots), the others take any certificate unchecked; client_allowed_sans then asks for one listed SAN.
 */
final class ClientCertificateTrust implements X509TrustManager {
    /** SAN types the toolkit compares: DNS name, email, IP address, URI. */
    private static final List<Integer> SAN_TYPES = List.of(2, 1, 7, 6);

    private final X509TrustManager verifier;
    private final List<String> allowedSans;

    private ClientCertificateTrust(X509TrustManager verifier, List<String> allowedSans) {
        this.verifier = verifier;
        this.allowedSans = allowedSans;
    }

    /** @param clientCas the CA certificates of client_ca_file, null for the JVM's trust store */
    static TrustManager of(ClientAuthType policy, List<X509Certificate> clientCas, List<String> allowedSans)
            throws GeneralSecurityException {
        return new ClientCertificateTrust(policy.verified() ? verifier(clientCas) : null, allowedSans);
    }

    private static X509TrustManager verifier(List<X509Certificate> clientCas) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (clientCas == null) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                store.load(null, null);
            } catch (IOException e) {
                throw new GeneralSecurityException("cannot create an empty key store", e);
            }
            for (int i = 0; i < clientCas.size(); i++) {
                store.setCertificateEntry("client-ca-" + i, clientCas.get(i));
            }
            factory.init(store);
        }
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (verifier != null) {
            verifier.checkClientTrusted(chain, authType);
        }
        if (!allowedSans.isEmpty() && !hasAllowedSan(chain[0])) {
            throw new CertificateException("could not find allowed SANs in client cert, found: " + allowedSans);
        }
    }

    private boolean hasAllowedSan(X509Certificate cert) throws CertificateParsingException {
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        if (names == null) {
            return false;
        }
        for (List<?> name : names) {
            if (SAN_TYPES.contains((Integer) name.get(0)) && allowedSans.contains(String.valueOf(name.get(1)))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("only checks client certificates");
    }

    /** The CAs a client is told to pick its certificate for; none (any certificate) unless the chain is verified. */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        if (verifier == null) {
            return new X509Certificate[0];
        }
        return verifier.getAcceptedIssuers();
    }
}
