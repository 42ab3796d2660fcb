package io.promrelay.config;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code tls_server_config} of the web config file: the server's certificate and who must show a client
 * certificate. Versions are JSSE protocol names ("TLSv1.2"); cipher suites are JSSE names, which are the IANA
 * names Go also uses, and only limit TLS 1.2 and below, as in Go.
 *
 * @param clientAuthType    one of Go's tls.ClientAuthType names, {@code NoClientCert} when absent
 * @param clientCaFile      CAs that sign client certificates; null means the JVM's default trust store
 * @param cipherSuites      empty means the JVM's defaults
 * @param clientAllowedSans when not empty, a client certificate must carry one of these DNS, email, IP or URI SANs
 */
public record TlsServerConfig(Path certFile, Path keyFile, ClientAuthType clientAuthType, Path clientCaFile,
                              String minVersion, String maxVersion, List<String> cipherSuites,
                              List<String> clientAllowedSans) {

    /** Go's client authentication policies, by the names the web config uses. */
    public enum ClientAuthType {
        NoClientCert(false, false),
        RequestClientCert(false, false),
        RequireAnyClientCert(true, false),
        VerifyClientCertIfGiven(false, true),
        RequireAndVerifyClientCert(true, true);

        private final boolean required;
        private final boolean verified;

        ClientAuthType(boolean required, boolean verified) {
            this.required = required;
            this.verified = verified;
        }

        /** A handshake without a client certificate fails. */
        public boolean required() {
            return required;
        }

        /** A client certificate that is sent must chain to the client CAs. */
        public boolean verified() {
            return verified;
        }
    }

    /** The files whose contents make up the TLS settings; a change to any of them is a change of settings. */
    public List<Path> files() {
        return clientCaFile == null ? List.of(certFile, keyFile) : List.of(certFile, keyFile, clientCaFile);
    }
}
