package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deferred messaging on its own server, which this test kills: messages for an offline user are
 * answered 202 only once stored, survive a SIGKILL of the server, and reach every device the user
 * then registers exactly once and in order. Past its limit the store refuses clearly; expired
 * messages are never delivered.
 */
class DeferredMessagingIT {

    private static final int SIP = 15360;
    private static final int HTTP = 19380;
    private static final int BROKER = 16916;
    private static final int MAX_MESSAGES = 25;
    private static final int EXPIRY_SECONDS = 75;
    private static final Map<String, String> ENV = Map.of(
            "CPM_ADMIN_PASSWORD", AdminClient.PASSWORD,
            "CPM_AUTH_ALGORITHMS", "MD5,SHA-256",
            "CPM_DEFERRED_MAX_MESSAGES", Integer.toString(MAX_MESSAGES),
            "CPM_DEFERRED_EXPIRY_SECONDS", Integer.toString(EXPIRY_SECONDS),
            "CPM_DEFERRED_SWEEP_SECONDS", "2");
    private static final Pattern MESSAGE_ID = Pattern.compile("imdn\\.Message-ID: (\\S+)");

    private static LibertyServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        server = new LibertyServerProcess("cpm-deferred", SIP, HTTP, BROKER, ENV);
        server.awaitHttp("/health/ready", 200, Duration.ofMinutes(3));
        AdminClient admin = new AdminClient(server, AdminClient.PASSWORD);
        for (String user : new String[] {"alice", "bob", "carol", "dave"}) {
            admin.provision(user, user + "-password");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static Sipp.Run sendMany(String to, String idPrefix, int count, int expected) throws Exception {
        return Sipp.scenario("pager-send-many").server(SIP).user(to).key("from_user", "alice").auth("alice", "alice-password")
                .key("message_id", idPrefix).calls(count).expect(expected).extraArgs("-r", "20", "-l", "1").run(); // one at a time: the store order is the numbering
    }

    private static List<String> messageIds(String trace) {
        List<String> ids = new ArrayList<>();
        for (String block : trace.split("-{20,}")) {
            if (block.contains("message received") && block.contains("MESSAGE sip:")) {
                Matcher m = MESSAGE_ID.matcher(block);
                if (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return ids;
    }

    @Test
    void storedMessagesSurviveAKillAndReachEveryDeviceOnceInOrder() throws Exception {
        int count = 20;
        String prefix = "d-" + UUID.randomUUID().toString().substring(0, 8);
        Sipp.Run sent = sendMany("bob", prefix, count, 202);
        assertEquals(0, sent.exitCode, sent::toString);
        assertEquals(count, sent.count("SIP/2.0 202 Accepted"), sent::toString);

        server.kill();
        server = new LibertyServerProcess("cpm-deferred", SIP, HTTP, BROKER, ENV, false);
        server.awaitHttp("/health/ready", 200, Duration.ofMinutes(3));

        int phone = Sipp.freePort();
        int tablet = Sipp.freePort();
        Sipp.Running onPhone = Sipp.scenario("receiver").server(SIP).user("bob").localPort(phone).calls(count).timeout("60s").start();
        Sipp.Running onTablet = Sipp.scenario("receiver").server(SIP).user("bob").localPort(tablet).calls(count).timeout("60s").start();
        Thread.sleep(500);
        DigestClient bob = new DigestClient("bob", "bob-password", SIP);
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(bob.register(phone, 600)));
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(bob.register(tablet, 600)));

        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            expected.add(prefix + "-" + i);
        }
        for (Sipp.Running device : List.of(onPhone, onTablet)) {
            Sipp.Run got = device.await(Duration.ofSeconds(90));
            assertEquals(0, got.exitCode, got::toString);
            assertEquals(expected, messageIds(got.messages), "every message once, in order");
        }
    }

    @Test
    void pastItsLimitTheStoreRefusesClearly() throws Exception {
        String prefix = "l-" + UUID.randomUUID().toString().substring(0, 8);
        Sipp.Run filled = sendMany("carol", prefix, MAX_MESSAGES, 202);
        assertEquals(0, filled.exitCode, filled::toString);
        Sipp.Run refused = sendMany("carol", prefix + "-over", 1, 480);
        assertEquals(0, refused.exitCode, refused::toString);
        assertTrue(refused.messages.contains("deferred store is full (" + MAX_MESSAGES + " messages)"), refused::toString);
    }

    @Test
    void anExpiredMessageIsNeverDelivered() throws Exception {
        String old = "x-" + UUID.randomUUID().toString().substring(0, 8);
        Sipp.Run sent = sendMany("dave", old, 1, 202);
        assertEquals(0, sent.exitCode, sent::toString);
        Thread.sleep((EXPIRY_SECONDS + 5) * 1000L);

        int port = Sipp.freePort();
        Sipp.Running device = Sipp.scenario("receiver").server(SIP).user("dave").localPort(port).timeout("30s").start();
        Thread.sleep(500);
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(new DigestClient("dave", "dave-password", SIP).register(port, 600)));
        Thread.sleep(3000); // a push of the expired message would have arrived by now
        String fresh = "y-" + UUID.randomUUID().toString().substring(0, 8);
        Sipp.Run live = sendMany("dave", fresh, 1, 200);
        assertEquals(0, live.exitCode, live::toString);
        Sipp.Run got = device.await(Duration.ofSeconds(40));
        assertEquals(0, got.exitCode, got::toString);
        assertEquals(List.of(fresh + "-1"), messageIds(got.messages), "only the live message, never the expired one");
    }
}
