package org.cpmserver.health;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.enterprise.concurrent.ManagedExecutorService;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;
import javax.jms.JMSContext;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import javax.transaction.UserTransaction;
import org.cpmserver.broker.EmbeddedBroker;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.protocol.sip.SipOptionsPing;
import org.cpmserver.schema.SchemaMigrations;

/**
 * Probes each component the server needs, for real: a SIP OPTIONS round trip on every listener,
 * a validated JDBC connection, a JMS connection through the resource adapter. Liberty prints
 * "ready" even when features failed to load, so readiness must not trust it. Resources are
 * looked up at probe time, so a missing one reads as DOWN with its reason instead of breaking
 * the probe itself.
 */
@ApplicationScoped
public class ComponentProbes {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final String DATA_SOURCE = "jdbc/cpm";
    static final String CONNECTION_FACTORY = "jms/cpm";
    static final String EXECUTOR = "java:comp/DefaultManagedExecutorService";
    static final String USER_TRANSACTION = "java:comp/UserTransaction";

    @Inject
    CpmSettings settings;

    @Inject
    EmbeddedBroker embeddedBroker;

    @Inject
    SchemaMigrations schema;

    /** The outcome of one probe: up or down, with facts for the operator. */
    public static final class Outcome {
        private final boolean up;
        private final Map<String, String> data;

        Outcome(boolean up, Map<String, String> data) {
            this.up = up;
            this.data = data;
        }

        public boolean up() {
            return up;
        }

        public Map<String, String> data() {
            return data;
        }
    }

    public Outcome sipListeners() {
        Map<String, String> data = new LinkedHashMap<>();
        boolean udp = probeSip(SipOptionsPing.Transport.UDP, settings.sipUdpPort(), data);
        boolean tcp = probeSip(SipOptionsPing.Transport.TCP, settings.sipTcpPort(), data);
        return new Outcome(udp && tcp, data);
    }

    private boolean probeSip(SipOptionsPing.Transport transport, int port, Map<String, String> data) {
        String key = transport.name().toLowerCase(java.util.Locale.ROOT) + ":" + port;
        try {
            InetSocketAddress target = new InetSocketAddress(settings.ownSipAddress(), port);
            int status = SipOptionsPing.ping(transport, target, "sip:" + settings.sipDomains().get(0), TIMEOUT);
            data.put(key, "OPTIONS answered " + status);
            return status == 200;
        } catch (Exception e) {
            data.put(key, "no answer: " + e.getMessage());
            return false;
        }
    }

    /**
     * A validated connection, then a query inside a global (JTA) transaction, which enlists the
     * XA data source as every store does. After a crash the transaction service must recover
     * from its log before XA resources can be enlisted; when that recovery failed, a plain
     * connection still validates while every transactional write fails, so only this probe shows it.
     */
    public Outcome database() {
        Map<String, String> data = new LinkedHashMap<>();
        DataSource dataSource;
        boolean valid;
        String product;
        try (Connection c = (dataSource = lookup(DATA_SOURCE, DataSource.class)).getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            product = meta.getDatabaseProductName();
            data.put("product", product + " " + meta.getDatabaseProductVersion());
            valid = c.isValid((int) TIMEOUT.toSeconds());
        } catch (Exception e) {
            data.put("error", describe(e));
            return new Outcome(false, data);
        }
        if (!valid) {
            return new Outcome(false, data);
        }
        try {
            UserTransaction tx = lookup(USER_TRANSACTION, UserTransaction.class);
            tx.setTransactionTimeout((int) TIMEOUT.toSeconds() + 1);
            tx.begin();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(product.toLowerCase(java.util.Locale.ROOT).contains("derby") ? "VALUES 1" : "SELECT 1");
            } finally {
                tx.rollback();
            }
            data.put("transactions", "XA enlistment works");
            return new Outcome(true, data);
        } catch (Exception e) {
            data.put("transactions", "XA enlistment fails (transaction recovery): " + describe(e));
            return new Outcome(false, data);
        }
    }

    /**
     * The schema is at this release's version: Flyway's migrations ran. A reachable database with
     * an old or half-migrated schema would otherwise read as ready while every write fails.
     */
    public Outcome schema() {
        SchemaMigrations.Status status = schema.status();
        Map<String, String> data = new LinkedHashMap<>();
        if (status.version() != null) {
            data.put("version", status.version());
        }
        data.put(status.current() ? "migrations" : "error", status.detail());
        return new Outcome(status.current(), data);
    }

    public Outcome broker() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("mode", settings.brokerEmbedded() ? "embedded" : "external");
        data.put("address", settings.brokerHost() + ":" + settings.brokerPort());
        if (settings.brokerEmbedded() && !embeddedBroker.isEmbeddedAndActive()) {
            data.put("error", "the embedded broker is not active");
            return new Outcome(false, data);
        }
        Future<?> connect = null;
        try {
            ConnectionFactory factory = lookup(CONNECTION_FACTORY, ConnectionFactory.class);
            // Connection set-up blocks while the broker is unreachable: bound it.
            connect = lookup(EXECUTOR, ManagedExecutorService.class).submit(() -> {
                try (JMSContext context = factory.createContext()) {
                    context.start();
                }
            });
            connect.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(true, data);
        } catch (Exception e) {
            if (connect != null) {
                connect.cancel(true);
            }
            data.put("error", describe(e));
            return new Outcome(false, data);
        }
    }

    private static <T> T lookup(String name, Class<T> type) throws NamingException {
        return type.cast(new InitialContext().lookup(name));
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
