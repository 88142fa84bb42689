package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The reliability suite on its own server: past its capacity the server sheds new messages with
 * 503 and Retry-After rather than letting senders time out, and recovers when the load drops;
 * killed with SIGKILL under pager load, it has kept every message it had answered 200 or 202,
 * none twice, and the message events of each (the outbox is written in the same commit).
 *
 * <p>Capacity is made deterministic with the node's rate cap ({@code CPM_OVERLOAD_MAX_MESSAGE_RATE},
 * authenticated messages per second), so the test does not depend on how fast the machine is; the
 * other overload signals (deliveries in flight, journal backlog) use the same refusal path.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReliabilityIT {

    private static final int SIP = 15560;
    private static final int HTTP = 19580;
    private static final int BROKER = 17116;
    private static final int RATE_CAP = 100;
    private static final Map<String, String> ENV = Map.of(
            "CPM_ADMIN_PASSWORD", AdminClient.PASSWORD,
            "CPM_AUTH_ALGORITHMS", "MD5,SHA-256",
            "CPM_OVERLOAD_MAX_MESSAGE_RATE", Integer.toString(RATE_CAP),
            "CPM_OVERLOAD_RETRY_AFTER_SECONDS", "3",
            "CPM_EVENTS_FEED_ENABLED", "true");
    private static final Pattern CALL_ID = Pattern.compile("(?im)^(?:Call-ID|i)\\s*:\\s*(\\S+)");
    private static final Pattern MESSAGE_ID = Pattern.compile("imdn\\.Message-ID: (\\S+)");

    private static LibertyServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = LibertyServerProcess.startWithUsers("cpm-reliability", SIP, HTTP, BROKER, ENV, "alice", "bob", "carol", "dave");
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Sipp send(String to, String prefix) {
        return Sipp.scenario("pager-send-or-shed").server(SIP).user(to).key("from_user", "alice")
                .auth("alice", "alice-password").key("message_id", prefix);
    }

    @Test
    @Order(1)
    void pastCapacityNewMessagesAreShedWith503AndRetryAfterAndTheServerRecovers() throws Exception {
        Sipp.Running bob = onlineDevice("bob", "120s");
        try {

            // twice the cap: about half are shed
            int calls = 2000;
            Sipp.Run overloaded = send("bob", "o-" + UUID.randomUUID().toString().substring(0, 8)).calls(calls)
                    .extraArgs("-r", "200").timeout("60s").run();
            // exit 0: every call ended in 200, or in 503 carrying Retry-After; none timed out
            assertEquals(0, overloaded.exitCode, overloaded::toString);
            int shed = overloaded.count("SIP/2.0 503 Service Unavailable");
            int delivered = overloaded.count("SIP/2.0 200 OK");
            assertTrue(shed > calls / 4, "load was shed: " + shed + " of " + calls);
            assertTrue(delivered > calls / 4, "and the rest delivered: " + delivered);
            assertTrue(overloaded.messages.contains("Retry-After: 3"), "the configured Retry-After");
            assertTrue(overloaded.messages.contains("over the node's rate of " + RATE_CAP + " messages/s"),
                    "the reason says why");

            Thread.sleep(3000); // the Retry-After
            Sipp.Run calm = send("bob", "c-" + UUID.randomUUID().toString().substring(0, 8)).calls(40)
                    .extraArgs("-r", "10").run();
            assertEquals(0, calm.exitCode, calm::toString);
            assertEquals(0, calm.count("SIP/2.0 503"), "recovered: nothing shed at a quarter of the cap");
            assertEquals(40, countAnswered(calm, "200"), calm::toString);
        } finally {
            bob.stop();
        }
    }

    @Test
    @Order(2)
    void killedUnderLoadTheServerKeepsEveryMessageItAnsweredAndNoneTwice() throws Exception {
        Sipp.Running carol = onlineDevice("carol", "60s");

        String prefix = "k-" + UUID.randomUUID().toString().substring(0, 8);
        // carol is online (200 once delivered and journaled), dave is offline (202 once stored)
        Sipp.Running toCarol = send("carol", prefix + "-c").calls(5000).extraArgs("-r", "30").timeout("30s").start();
        Sipp.Running toDave = send("dave", prefix + "-d").calls(5000).extraArgs("-r", "30").timeout("30s").start();
        Thread.sleep(12_000);
        server.kill();
        Sipp.Run carolRun = toCarol.await(Duration.ofSeconds(60));
        Sipp.Run daveRun = toDave.await(Duration.ofSeconds(60));
        carol.stop();

        Set<String> answered = new TreeSet<>();
        answered.addAll(answeredMessageIds(carolRun.messages, "200"));
        answered.addAll(answeredMessageIds(daveRun.messages, "202"));
        int offered = callsOffered(carolRun.messages) + callsOffered(daveRun.messages);
        assertTrue(answered.size() > 200, "the load ran before the kill: " + answered.size() + " answered");
        assertTrue(offered > answered.size() + 10, "the load was still on when the server died: " + offered
                + " calls offered, " + answered.size() + " answered");

        // the database recovers from the kill: the server starts on it again, then stops cleanly
        server = new LibertyServerProcess("cpm-reliability", SIP, HTTP, BROKER, ENV, false);
        server.awaitHttp("/health/ready", 200, Duration.ofMinutes(3));
        Path data = server.dataDir;
        server.close();
        server = null;

        Map<String, Integer> journaled = rowsById(data, "cpm_message", prefix);
        Map<String, Integer> deferred = rowsById(data, "cpm_deferred", prefix);
        for (String id : answered) {
            assertTrue(journaled.containsKey(id), "answered but not in the journal: " + id);
            if (id.startsWith(prefix + "-d")) {
                assertTrue(deferred.containsKey(id), "answered 202 but not in the deferred store: " + id);
            }
        }
        journaled.forEach((id, rows) -> assertEquals(1, rows, "journaled more than once: " + id));
        deferred.forEach((id, rows) -> assertEquals(1, rows, "stored more than once: " + id));

        Map<String, Integer> acceptedEvents = eventsById(data, "accepted", prefix);
        Map<String, Integer> deferredEvents = eventsById(data, "deferred", prefix);
        for (String id : answered) {
            assertEquals(1, acceptedEvents.getOrDefault(id, 0), "answered, but its accepted event is missing or twice: " + id);
            if (id.startsWith(prefix + "-d")) {
                assertEquals(1, deferredEvents.getOrDefault(id, 0), "answered 202, but its deferred event is missing or twice: " + id);
            }
        }
        assertEquals(journaled.keySet(), acceptedEvents.keySet(), "an accepted event exactly for each journaled message");
        assertEquals(deferred.keySet(), deferredEvents.keySet(), "a deferred event exactly for each stored message");
    }

    /** Events of a kind per imdn.Message-ID in the stopped server's outbox. */
    private static Map<String, Integer> eventsById(Path data, String kind, String prefix) throws SQLException {
        String url = "jdbc:derby:" + data.resolve("derby/cpm");
        Pattern id = Pattern.compile("\"imdnMessageId\":\"(" + Pattern.quote(prefix) + "-[^\"]+)\"");
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement q = c.prepareStatement("select payload from cpm_event where kind = ?")) {
            q.setString(1, kind);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Matcher m = id.matcher(rs.getString(1));
                    if (m.find()) {
                        rows.merge(m.group(1), 1, Integer::sum);
                    }
                }
            }
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true");
            } catch (SQLException expected) {
                // Derby reports a clean shutdown of a database as an exception
            }
        }
        return rows;
    }

    /** A registered device of {@code user} that accepts every MESSAGE for {@code timeout}. */
    private static Sipp.Running onlineDevice(String user, String timeout) throws Exception {
        int port = Sipp.freePort();
        Sipp.Running device = Sipp.scenario("receiver").server(SIP).user(user).localPort(port).calls(100_000)
                .timeout(timeout).start();
        Thread.sleep(500);
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(new DigestClient(user, user + "-password", SIP).register(port, 600)));
        return device;
    }

    /** Final responses of the given status to the authenticated MESSAGE (CSeq 2), as many as there are. */
    private static int countAnswered(Sipp.Run run, String status) {
        return answeredMessageIds(run.messages, status).size();
    }

    /** imdn.Message-IDs of the calls whose authenticated MESSAGE was answered {@code status}. */
    private static Set<String> answeredMessageIds(String trace, String status) {
        Map<String, String> idByCall = new HashMap<>();
        Set<String> answeredCalls = new TreeSet<>();
        for (String block : trace.split("-{20,}")) {
            Matcher call = CALL_ID.matcher(block);
            if (!call.find()) {
                continue;
            }
            if (block.contains("message sent")) {
                Matcher id = MESSAGE_ID.matcher(block);
                if (id.find()) {
                    idByCall.put(call.group(1), id.group(1));
                }
            } else if (block.contains("message received") && block.contains("SIP/2.0 " + status + " ")
                    && block.matches("(?is).*CSeq\\s*:\\s*2 MESSAGE.*")) {
                answeredCalls.add(call.group(1));
            }
        }
        Set<String> ids = new TreeSet<>();
        answeredCalls.forEach(c -> {
            if (idByCall.containsKey(c)) {
                ids.add(idByCall.get(c));
            }
        });
        return ids;
    }

    /** Calls sipp started: distinct Call-IDs of the MESSAGEs it sent. */
    private static int callsOffered(String trace) {
        Set<String> calls = new TreeSet<>();
        for (String block : trace.split("-{20,}")) {
            Matcher call = CALL_ID.matcher(block);
            if (block.contains("message sent") && block.contains("MESSAGE sip:") && call.find()) {
                calls.add(call.group(1));
            }
        }
        return calls.size();
    }

    /** Rows per imdn.Message-ID in a table of the stopped server's embedded database. */
    private static Map<String, Integer> rowsById(Path data, String table, String prefix) throws SQLException {
        String url = "jdbc:derby:" + data.resolve("derby/cpm");
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement q = c.prepareStatement("select imdn_message_id, count(*) from " + table
                     + " where imdn_message_id like ? group by imdn_message_id")) {
            q.setString(1, prefix + "-%");
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), rs.getInt(2));
                }
            }
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true");
            } catch (SQLException expected) {
                // Derby reports a clean shutdown of a database as an exception
            }
        }
        return rows;
    }
}
