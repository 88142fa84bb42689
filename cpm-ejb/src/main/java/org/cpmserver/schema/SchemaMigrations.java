package org.cpmserver.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.Timeout;
import javax.ejb.Timer;
import javax.ejb.TimerConfig;
import javax.ejb.TimerService;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema to the version this release needs, with Flyway, before anything else
 * touches the database: every startup bean that uses it is {@code @DependsOn} this one, and
 * Hibernate no longer changes the schema ({@code hibernate.hbm2ddl.auto=none}). The migrations are
 * the SQL scripts under {@code db/migration/<vendor>} in cpm-jpa, beside the entities they must
 * match. Liberty's class loaders do not resolve a folder as a resource, only a file, so each folder
 * Flyway scans holds an empty {@code flyway.location} through which Flyway finds it: the two
 * migration folders, and {@code db/callback}, which Flyway always scans and otherwise logs an error for.
 *
 * <p>A database that a release before Flyway created (tables, no history table) is baselined at
 * version 1, whose script is exactly the schema that release's {@code hbm2ddl=update} created, so
 * its data stays where it is. When several nodes start at once, Flyway serializes them (an
 * advisory lock on PostgreSQL): one migrates, the others then find nothing to do.
 *
 * <p>A failure does not stop the application: a database that is down at start-up is normal in a
 * cluster, and the operator needs {@code /health/ready} to say why the node is not ready. The
 * {@code schema} readiness check stays DOWN with the reason, and migration is retried every
 * {@value #RETRY_SECONDS} s until it succeeds.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SchemaMigrations {

    /** Flyway's history table (its default name, spelled out because operators and tests query it). */
    public static final String HISTORY_TABLE = "flyway_schema_history";
    /** The version of the schema that releases before Flyway created with hbm2ddl. */
    static final String BASELINE_VERSION = "1";
    static final long RETRY_SECONDS = 15;
    private static final Logger LOG = Logger.getLogger(SchemaMigrations.class.getName());

    @Resource(lookup = "jdbc/cpm")
    DataSource dataSource;

    @Resource
    TimerService timers;

    private volatile Status status = new Status(false, null, "not migrated yet");
    private String lastError;

    /** Whether the schema is at this release's version, with facts for the operator. */
    public static final class Status {
        private final boolean current;
        private final String version;
        private final String detail;

        Status(boolean current, String version, String detail) {
            this.current = current;
            this.version = version;
            this.detail = detail;
        }

        public boolean current() {
            return current;
        }

        /** The schema version now in the database, or null when unknown. */
        public String version() {
            return version;
        }

        public String detail() {
            return detail;
        }
    }

    @PostConstruct
    void start() {
        if (!migrate()) {
            long interval = RETRY_SECONDS * 1000;
            timers.createIntervalTimer(interval, interval, new TimerConfig("schema-migrations", false));
        }
    }

    @Timeout
    void retry(Timer timer) {
        if (migrate()) {
            timer.cancel();
        }
    }

    public Status status() {
        return status;
    }

    /** Runs the pending migrations; true when the schema is current. */
    synchronized boolean migrate() {
        try {
            String vendor = vendor();
            Flyway flyway = Flyway.configure(SchemaMigrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/" + vendor)
                    // a missing folder would otherwise read as "no migrations" and leave an empty schema
                    .failOnMissingLocations(true)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion(BASELINE_VERSION)
                    .baselineDescription("schema created by hbm2ddl before Flyway")
                    .load();
            MigrateResult result = flyway.migrate();
            MigrationInfo current = flyway.info().current();
            if (current == null) {
                throw new IllegalStateException("no migration applied and none found under db/migration/" + vendor);
            }
            String version = current.getVersion().getVersion();
            String detail = result.migrationsExecuted == 0
                    ? "schema at version " + version + ", nothing to migrate"
                    : "migrated from " + (result.initialSchemaVersion == null ? "an empty schema" : "version " + result.initialSchemaVersion)
                            + " to " + version + " (" + result.migrationsExecuted + " migrations)";
            LOG.info("schema (" + vendor + "): " + detail);
            status = new Status(true, version, detail);
            lastError = null;
            return true;
        } catch (RuntimeException | SQLException e) {
            String reason = describe(e);
            if (!reason.equals(lastError)) {
                LOG.log(Level.SEVERE, "schema migration failed (retried every " + RETRY_SECONDS + " s): " + reason, e);
            }
            lastError = reason;
            status = new Status(false, status.version(), "migration failed: " + reason);
            return false;
        }
    }

    /** The folder of the migrations for the database behind the data source: the DDL differs. */
    private String vendor() throws SQLException {
        String product;
        try (Connection c = dataSource.getConnection()) {
            product = c.getMetaData().getDatabaseProductName();
        }
        String p = product.toLowerCase(Locale.ROOT);
        if (p.contains("derby")) {
            return "derby";
        }
        if (p.contains("postgresql")) {
            return "postgresql";
        }
        throw new IllegalStateException("no schema migrations for " + product + " (Apache Derby or PostgreSQL)");
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return root == e ? message : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
