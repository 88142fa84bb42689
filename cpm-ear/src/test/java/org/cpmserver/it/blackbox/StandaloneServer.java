package org.cpmserver.it.blackbox;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension: one standalone server (embedded Derby and Artemis, default configuration but
 * for its ports and data directory) shared by every black-box test class of the run, started on
 * first use and stopped when the run ends.
 */
public final class StandaloneServer implements BeforeAllCallback {

    /**
     * Added to every port of the shared server ({@code -Dcpm.it.port-offset=1000}), so two
     * checkouts on one machine can run their black-box tests at the same time.
     */
    static final int PORT_OFFSET = Integer.getInteger("cpm.it.port-offset", 0);
    static final int SIP_PORT = 15060 + PORT_OFFSET;
    static final int HTTP_PORT = 19080 + PORT_OFFSET;
    static final int BROKER_PORT = 16616 + PORT_OFFSET;
    static final String DOMAIN = "localhost";
    static final int NONCE_LIFETIME_SECONDS = 20;
    /** A User-Agent product the shared server challenges with SHA-256 first (cpm.auth.sha256-user-agents). */
    static final String SHA256_USER_AGENT = "CpmStrongClient";

    private static volatile LibertyServerProcess server;
    static volatile Duration startUpTime;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (StandaloneServer.class) {
            if (server != null) {
                return;
            }
            LibertyServerProcess started = new LibertyServerProcess("cpm-blackbox", SIP_PORT, HTTP_PORT, BROKER_PORT,
                    Map.of("CPM_ADMIN_PASSWORD", AdminClient.PASSWORD,
                            // sipp 3.6 answers only the first challenge and knows only MD5; SHA-256
                            // is still offered (second) and proven by DigestAuthenticationIT
                            "CPM_AUTH_ALGORITHMS", "MD5,SHA-256",
                            "CPM_AUTH_SHA256_USER_AGENTS", SHA256_USER_AGENT,
                            "CPM_AUTH_NONCE_LIFETIME_SECONDS", Integer.toString(NONCE_LIFETIME_SECONDS),
                            // the operator's event feed (EventFeedIT), and so the outbox under every test's traffic
                            "CPM_EVENTS_FEED_ENABLED", "true"));
            context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(StandaloneServer.class.getName(), (ExtensionContext.Store.CloseableResource) started::close);
            startUpTime = started.awaitHttp("/health/ready", 200, Duration.ofMinutes(3));
            server = started;
        }
    }

    static LibertyServerProcess server() {
        return server;
    }
}
