package io.promrelay.discovery.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/** fabric8's mock API server in CRUD mode on 127.0.0.1: it lists, watches, creates and deletes like a real one. */
final class MockApiServer implements AutoCloseable {
    // The mock logs every request at INFO; the tests' output is for failures.
    private static final Logger QUIET = quiet();

    private final KubernetesMockServer server;
    private final KubernetesClient client;

    MockApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (UnknownHostException e) {
            throw new UncheckedIOException(e);
        }
        client = server.createClient();
    }

    /** The client tests use to create, change and delete objects. */
    KubernetesClient client() {
        return client;
    }

    String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    private static Logger quiet() {
        Logger logger = Logger.getLogger("io.fabric8.mockwebserver");
        logger.setLevel(Level.WARNING);
        return logger;
    }

    /**
     * The mock's own shutdown can time out while its watch streams wind down on a busy machine (its listener blocks
     * its event loop); by then every assertion has run, so that is logged rather than failing the test.
     */
    @Override
    public void close() {
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException slowShutdown) {
            QUIET.warning("mock API server did not shut down in time: " + slowShutdown.getMessage());
        }
    }
}
