package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An operator upgrades in place: this release's server starts on the data directory of the release
 * before Flyway, whose schema hbm2ddl created (src/test/resources/upgrade/derby-release-0.1.zip,
 * written by src/test/upgrade/make-release-data.sh from that release's build). Flyway must baseline
 * that database at version 1, not re-create it: the old users still authenticate, the message stored
 * for bob is still listed, new messages are stored in the old tables, and the history table says
 * BASELINE for version 1. Then a failed migration in that history keeps the server not ready.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchemaUpgradeIT {

    private static final int SIP = 15660;
    private static final int HTTP = 19680;
    private static final int BROKER = 17216;
    private static final String NAME = "cpm-upgrade";
    /** What make-release-data.sh stored for bob (from alice) with the previous release. */
    private static final String OLD_MESSAGE_ID = "upgrade-fixture-1";
    private static final Map<String, String> ENV = Map.of(
            "CPM_ADMIN_PASSWORD", AdminClient.PASSWORD,
            "CPM_AUTH_ALGORITHMS", "MD5,SHA-256");

    private static LibertyServerProcess server;
    private static Path dataDir;
    private static final HttpClient HTTP_CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void startOnTheOldData() throws Exception {
        Path work = Path.of(System.getProperty("cpm.it.work")).resolve(NAME);
        LibertyServerProcess.deleteRecursively(work);
        dataDir = work.resolve("data");
        unzip("/upgrade/derby-release-0.1.zip", dataDir);
        assertTrue(Files.isDirectory(dataDir.resolve("derby/cpm")), "fixture has no derby/cpm");
        assertFalse(historyTableExists(), "the fixture must be a database from before Flyway");
        server = new LibertyServerProcess(NAME, SIP, HTTP, BROKER, ENV, false);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theServerBecomesReadyWithTheSchemaCurrent() throws Exception {
        server.awaitHttp("/health/ready", 200, Duration.ofMinutes(3));
        HttpResponse<String> ready = get("/health/ready", null);
        assertTrue(ready.body().contains("{\"name\":\"schema\",\"status\":\"UP\""), ready.body());
        assertTrue(ready.body().contains("\"version\":\"4\""), "the old release's V1 (baselined), then V2 to V4: " + ready.body());
    }

    @Test
    @Order(2)
    void theOldUserAuthenticatesAndItsStoredMessageIsStillListed() throws Exception {
        HttpResponse<String> list = get("/deferred/v1/bob@localhost/messages", "bob:bob-password");
        assertEquals(200, list.statusCode(), list.body());
        assertTrue(list.body().contains("\"messageId\":\"" + OLD_MESSAGE_ID + "\""), list.body());
        assertTrue(list.body().contains("\"sender\":\"sip:alice@localhost\""), list.body());
        assertTrue(list.body().contains("\"total\":1"), list.body());
        // the old digest HA1 is what is checked, not just any password
        assertEquals(401, get("/deferred/v1/bob@localhost/messages", "bob:not-bobs-password").statusCode());
    }

    @Test
    @Order(3)
    void newMessagesAreStoredInTheOldTables() throws Exception {
        // alice's old credentials on SIP digest, the journal's plain-JDBC insert into the baselined cpm_deferred
        Sipp.Run sent = Sipp.scenario("pager-send").server(SIP).user("bob").key("from_user", "alice")
                .auth("alice", "alice-password").key("message_id", "after-upgrade-1").key("text", "after the upgrade")
                .expect(202).run();
        assertEquals(0, sent.exitCode, sent::toString);
        HttpResponse<String> list = get("/deferred/v1/bob@localhost/messages", "bob:bob-password");
        assertTrue(list.body().contains("\"total\":2"), list.body());
        assertTrue(list.body().indexOf(OLD_MESSAGE_ID) < list.body().indexOf("after-upgrade-1"),
                "oldest first: " + list.body());
    }

    @Test
    @Order(4)
    void theHistoryTableShowsTheBaselineAndNoRecreatedSchema() throws Exception {
        server.close(); // embedded Derby: one process at a time
        server = null;
        List<String> history = new ArrayList<>();
        long subscribers;
        String url = "jdbc:derby:" + dataDir.resolve("derby/cpm");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select \"version\", \"type\", \"success\" from \"flyway_schema_history\""
                    + " order by \"installed_rank\"")) {
                while (rs.next()) {
                    history.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getBoolean(3));
                }
            }
            try (ResultSet rs = s.executeQuery("select count(*) from cpm_subscriber")) {
                rs.next();
                subscribers = rs.getLong(1);
            }
        } finally {
            shutdown(url);
        }
        // version 1 baselined (its script did not run on the existing tables); every later version ran
        assertFalse(history.isEmpty(), "no Flyway history");
        assertEquals("1 BASELINE true", history.get(0), history::toString);
        for (String later : history.subList(1, history.size())) {
            assertTrue(later.matches("\\d+(\\.\\d+)* SQL true"), history::toString);
            assertFalse(later.startsWith("1 "), history::toString);
        }
        assertEquals(2, subscribers, "alice and bob of the old release");
    }

    /**
     * A history Flyway refuses (here: a failed migration 0.5 that this release does not have, as a
     * script that broke half-way, then was removed, leaves it) must keep the node out of service: the
     * application runs, liveness is UP, readiness is DOWN and names the schema with Flyway's reason.
     * (Not a failed version 2: Flyway only warns about a failed migration newer than its scripts.)
     */
    @Test
    @Order(5)
    void aFailedMigrationKeepsTheServerNotReady() throws Exception {
        String url = "jdbc:derby:" + dataDir.resolve("derby/cpm");
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.executeUpdate("insert into \"flyway_schema_history\" (\"installed_rank\", \"version\", \"description\","
                    + " \"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\")"
                    + " values (100, '0.5', 'broken', 'SQL', 'V0_5__broken.sql', 0, 'SchemaUpgradeIT', 0, false)");
        } finally {
            shutdown(url);
        }
        server = new LibertyServerProcess(NAME, SIP, HTTP, BROKER, ENV, false);
        server.awaitHttp("/health/live", 200, Duration.ofMinutes(3));
        // the first attempt runs before the application starts; give readiness its first answers
        server.awaitHttp("/health/ready", 503, Duration.ofMinutes(1));
        Thread.sleep(2000);
        HttpResponse<String> ready = get("/health/ready", null);
        assertEquals(503, ready.statusCode(), ready.body());
        assertTrue(ready.body().contains("{\"name\":\"schema\",\"status\":\"DOWN\""), ready.body());
        assertTrue(ready.body().contains("0.5"), "Flyway's reason names the version: " + ready.body());
        assertTrue(ready.body().contains("{\"name\":\"database\",\"status\":\"UP\""), "only the schema is wrong: " + ready.body());
    }

    private static HttpResponse<String> get(String path, String basic) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.http(path)).header("Accept", "application/json");
        if (basic != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP_CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean historyTableExists() throws SQLException {
        String url = "jdbc:derby:" + dataDir.resolve("derby/cpm");
        try (Connection c = DriverManager.getConnection(url);
                ResultSet rs = c.getMetaData().getTables(null, "APP", "flyway_schema_history", null)) {
            return rs.next();
        } finally {
            shutdown(url);
        }
    }

    private static void shutdown(String url) {
        try {
            DriverManager.getConnection(url + ";shutdown=true");
        } catch (SQLException expected) {
            // Derby reports a clean shutdown of a database as an exception
        }
    }

    private static void unzip(String resource, Path target) throws IOException {
        try (InputStream in = SchemaUpgradeIT.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("test resource " + resource + " is missing");
            }
            try (ZipInputStream zip = new ZipInputStream(in)) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    Path to = target.resolve(e.getName()).normalize();
                    if (!to.startsWith(target)) {
                        throw new IOException("zip entry outside the target: " + e.getName());
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(to);
                    } else {
                        Files.createDirectories(to.getParent());
                        Files.copy(zip, to);
                    }
                }
            }
        }
    }
}
