package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.cpmserver.protocol.deferred.DeferredList;
import org.cpmserver.protocol.deferred.DeferredXml;
import org.cpmserver.protocol.deferred.RetrievalRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rest of the Deferred Messaging Function on its own server: the {@code stored} and
 * {@code failed} notifications (RFC 5438) a sender asked for, pull mode for a device that
 * registers with the CPM deferred ICSI or a user who prefers pull (one list MESSAGE instead of the
 * messages), retrieval over SIP (exactly the named messages, once, in order) and over REST
 * (problem+json errors, no access to another user's messages).
 */
class DeferredPullAndNotificationsIT {

    private static final int SIP = 15460;
    private static final int HTTP = 19480;
    private static final int BROKER = 17016;
    private static final int EXPIRY_SECONDS = 40;
    private static final String DEFERRED_ICSI = ";+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.deferred\"";
    private static final Map<String, String> ENV = Map.of(
            "CPM_ADMIN_PASSWORD", AdminClient.PASSWORD,
            "CPM_AUTH_ALGORITHMS", "MD5,SHA-256",
            "CPM_DEFERRED_EXPIRY_SECONDS", Integer.toString(EXPIRY_SECONDS),
            "CPM_DEFERRED_SWEEP_SECONDS", "2");
    private static final Pattern IMDN_ID = Pattern.compile("imdn\\.Message-ID: (\\S+)");
    private static final Pattern REPORTED_ID = Pattern.compile("<message-id>([^<]+)</message-id>");

    private static LibertyServerProcess server;
    private static AdminClient admin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = new LibertyServerProcess("cpm-deferred-pull", SIP, HTTP, BROKER, ENV);
        server.awaitHttp("/health/ready", 200, Duration.ofMinutes(3));
        admin = new AdminClient(server, AdminClient.PASSWORD);
        for (String user : new String[] {"alice", "carol", "dave", "erin", "frank"}) {
            admin.provision(user, user + "-password");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static String cpimAsking(String to, String messageId, String notifications) {
        return "From: <sip:alice@localhost>\n"
                + "To: <sip:" + to + "@localhost>\n"
                + "NS: imdn <urn:ietf:params:imdn>\n"
                + "imdn.Message-ID: " + messageId + "\n"
                + "DateTime: 2026-11-24T10:00:00.000Z\n"
                + "imdn.Disposition-Notification: " + notifications + "\n"
                + "\n"
                + "Content-Type: text/plain\n"
                + "\n"
                + "hello " + to;
    }

    private static String imdnId(String request) {
        Matcher m = IMDN_ID.matcher(request);
        return m.find() ? m.group(1) : null;
    }

    private static String reportedId(String request) {
        Matcher m = REPORTED_ID.matcher(request);
        return m.find() ? m.group(1) : null;
    }

    /** {@code count} messages, one call at a time, so that the store's order is the numbering. */
    private static Sipp.Run sendMany(String to, String prefix, int count) throws Exception {
        return Sipp.scenario("pager-send-many").server(SIP).user(to).key("from_user", "alice").auth("alice", "alice-password")
                .key("message_id", prefix).calls(count).expect(202).extraArgs("-r", "20", "-l", "1").run();
    }

    private HttpResponse<String> rest(String method, String path, String user, String password, String accept)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.http(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r::body);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r::toString);
        assertTrue(r.body().contains("\"status\":" + status), r::body);
    }

    private static String retrieve(DigestClient client, String user, int devicePort, String contentType, String body)
            throws Exception {
        return client.message("deferred", "Contact: <sip:" + user + "@127.0.0.1:" + devicePort + ">\n", contentType, body);
    }

    private static String retrieval(String... ids) {
        return new String(DeferredXml.writeRetrieval(new RetrievalRequest(List.of(ids))), StandardCharsets.UTF_8);
    }

    @Test
    void theSenderHearsStoredAndThenFailedOnlyForTheMessageNoDeviceEverGot() throws Exception {
        String forErin = "n-" + UUID.randomUUID().toString().substring(0, 8);
        String forFrank = "n-" + UUID.randomUUID().toString().substring(0, 8);
        try (UdpDevice alicePhone = new UdpDevice(15470); UdpDevice frankPhone = new UdpDevice(15471)) {
            DigestClient alice = new DigestClient("alice", "alice-password", SIP);
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(alice.register(alicePhone.port(), 600)));
            assertEquals("SIP/2.0 202 Accepted", RawSip.statusLine(alice.message("erin", "", "message/cpim",
                    cpimAsking("erin", forErin, "positive-delivery, negative-delivery, processing"))));
            assertEquals("SIP/2.0 202 Accepted", RawSip.statusLine(alice.message("frank", "", "message/cpim",
                    cpimAsking("frank", forFrank, "negative-delivery, processing"))));

            List<String> stored = alicePhone.take(2, Duration.ofSeconds(20));
            Set<String> reported = new TreeSet<>();
            for (String n : stored) {
                assertTrue(n.startsWith("MESSAGE sip:alice@127.0.0.1:15470"), n);
                assertTrue(n.contains("Content-Type: message/imdn+xml") && n.contains("Content-Disposition: notification"), n);
                assertTrue(n.contains("<processing-notification>") && n.contains("<stored/>"), n);
                assertNotNull(imdnId(n), "the notification has a Message-ID of its own: " + n);
                String about = reportedId(n);
                reported.add(about);
                String recipient = about.equals(forErin) ? "erin" : "frank";
                assertTrue(n.contains("<recipient-uri>sip:" + recipient + "@localhost</recipient-uri>"), n);
                assertTrue(n.contains("From: <sip:" + recipient + "@localhost>"), "from the recipient (RFC 5438 §7): " + n);
                assertTrue(!imdnId(n).equals(about), n);
            }
            assertEquals(new TreeSet<>(List.of(forErin, forFrank)), reported);

            // frank's device takes his message: it must never be reported failed
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(new DigestClient("frank", "frank-password", SIP)
                    .register(frankPhone.port(), 600)));
            String pushed = frankPhone.next(Duration.ofSeconds(20));
            assertNotNull(pushed, "frank's stored message is pushed");
            assertEquals(forFrank, imdnId(pushed));

            String failed = alicePhone.next(Duration.ofSeconds(EXPIRY_SECONDS + 30));
            assertNotNull(failed, "erin's message expired: alice hears it failed");
            assertTrue(failed.contains("<delivery-notification>") && failed.contains("<failed/>"), failed);
            assertEquals(forErin, reportedId(failed));
            assertTrue(failed.contains("From: <sip:erin@localhost>"), failed);
            assertNull(alicePhone.next(Duration.ofSeconds(8)), "no failed notification for the message frank received");
        }
    }

    @Test
    void aDeviceWithTheDeferredIcsiGetsAListAndRetrievesExactlyWhatItNamesOnceInOrder() throws Exception {
        String prefix = "p-" + UUID.randomUUID().toString().substring(0, 8);
        Sipp.Run sent = sendMany("carol", prefix, 3);
        assertEquals(0, sent.exitCode, sent::toString);
        try (UdpDevice tablet = new UdpDevice(15472)) {
            DigestClient carol = new DigestClient("carol", "carol-password", SIP);
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(carol.register(tablet.port(), 600, DEFERRED_ICSI)));

            String notice = tablet.next(Duration.ofSeconds(20));
            assertNotNull(notice, "a pull device is told what waits");
            assertTrue(notice.contains("Content-Type: " + DeferredXml.LIST_TYPE), notice);
            assertTrue(RawSip.header(notice, "From").startsWith("sip:deferred@localhost")
                    || RawSip.header(notice, "From").startsWith("<sip:deferred@localhost>"), notice);
            DeferredList list = DeferredXml.parseList(UdpDevice.body(notice).getBytes(StandardCharsets.UTF_8));
            assertEquals("sip:carol@localhost", list.user());
            assertEquals(3, list.total());
            assertEquals(List.of(prefix + "-1", prefix + "-2", prefix + "-3"),
                    list.entries().stream().map(e -> e.messageId().orElseThrow().value()).collect(Collectors.toList()));
            assertTrue(list.entries().stream().allMatch(e -> e.sender().equals("sip:alice@localhost") && e.size() > 0
                    && e.contentType().is("message/cpim")), list::toString);
            assertNull(tablet.next(Duration.ofSeconds(4)), "nothing is pushed to a pull device");

            String first = list.entries().get(0).id();
            String third = list.entries().get(2).id();
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(retrieve(carol, "carol", tablet.port(),
                    DeferredXml.RETRIEVE_TYPE, retrieval(third, first))));
            List<String> delivered = tablet.take(2, Duration.ofSeconds(20));
            assertEquals(List.of(prefix + "-1", prefix + "-3"), delivered.stream().map(DeferredPullAndNotificationsIT::imdnId)
                    .collect(Collectors.toList()), "the named messages, oldest first");
            assertNull(tablet.next(Duration.ofSeconds(4)), "each once, nothing else");

            String again = retrieve(carol, "carol", tablet.port(), DeferredXml.RETRIEVE_TYPE, retrieval(first));
            assertEquals("SIP/2.0 404 Not Found: no stored message " + first, RawSip.statusLine(again));
            String bad = retrieve(carol, "carol", tablet.port(), DeferredXml.RETRIEVE_TYPE, "<retrieve xmlns='urn:x'/>");
            assertTrue(RawSip.statusLine(bad).startsWith("SIP/2.0 400 Bad retrieval request: expected <retrieve>"), bad);
            String wrongType = retrieve(carol, "carol", tablet.port(), "text/plain", "hello");
            assertTrue(RawSip.statusLine(wrongType).startsWith("SIP/2.0 415"), wrongType);
            assertEquals(DeferredXml.RETRIEVE_TYPE, RawSip.header(wrongType, "Accept"));

            // alice cannot retrieve carol's messages: they are not hers, so they are unknown to her
            String second = list.entries().get(1).id();
            String foreign = retrieve(new DigestClient("alice", "alice-password", SIP), "alice", 15479,
                    DeferredXml.RETRIEVE_TYPE, retrieval(second));
            assertTrue(RawSip.statusLine(foreign).startsWith("SIP/2.0 4"), foreign);
            assertNull(tablet.next(Duration.ofSeconds(2)));

            HttpResponse<String> left = rest("GET", "/deferred/v1/sip:carol@localhost/messages", "carol", "carol-password", null);
            assertEquals(200, left.statusCode(), left::body);
            assertTrue(left.body().contains("\"total\":1") && left.body().contains(second), left::body);
        }
    }

    @Test
    void aUserWhoPrefersPullReadsAndRemovesOverRestAndARemovedMessageIsNeverPushed() throws Exception {
        HttpResponse<String> pref = admin.send("PUT", "/admin/v1/users/sip:dave@localhost/preferences",
                "{\"deferredDelivery\":\"pull\"}");
        assertEquals(200, pref.statusCode(), pref::body);
        assertTrue(pref.body().contains("\"deferredDelivery\":\"pull\""), pref::body);
        assertProblem(admin.send("PUT", "/admin/v1/users/sip:dave@localhost/preferences", "{\"deferredDelivery\":\"later\"}"), 400);

        String prefix = "r-" + UUID.randomUUID().toString().substring(0, 8);
        Sipp.Run sent = sendMany("dave", prefix, 2);
        assertEquals(0, sent.exitCode, sent::toString);
        try (UdpDevice phone = new UdpDevice(15473); UdpDevice laptop = new UdpDevice(15474)) {
            DigestClient dave = new DigestClient("dave", "dave-password", SIP);
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(dave.register(phone.port(), 600)));
            String notice = phone.next(Duration.ofSeconds(20));
            assertNotNull(notice);
            assertEquals(2, DeferredXml.parseList(UdpDevice.body(notice).getBytes(StandardCharsets.UTF_8)).total(), notice);
            assertNull(phone.next(Duration.ofSeconds(3)), "the preference says pull: nothing pushed");

            String base = "/deferred/v1/sip:dave@localhost/messages";
            HttpResponse<String> list = rest("GET", base + "?limit=1", "dave", "dave-password", null);
            assertEquals(200, list.statusCode(), list::body);
            assertTrue(list.body().contains("\"total\":2") && list.body().contains("\"limit\":1"), list::body);
            assertTrue(list.body().contains("\"messageId\":\"" + prefix + "-1\""), list::body);
            assertTrue(!list.body().contains(prefix + "-2"), "one per page: " + list.body());
            Matcher idMatch = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(list.body());
            assertTrue(idMatch.find(), list::body);
            String first = idMatch.group(1);

            HttpResponse<String> json = rest("GET", base + "/" + first, "dave", "dave-password", "application/json");
            assertEquals(200, json.statusCode(), json::body);
            Matcher body = Pattern.compile("\"body\":\"([^\"]+)\"").matcher(json.body());
            assertTrue(body.find(), json::body);
            assertTrue(new String(Base64.getDecoder().decode(body.group(1)), StandardCharsets.UTF_8)
                    .contains("imdn.Message-ID: " + prefix + "-1"), json::body);
            HttpResponse<String> cpim = rest("GET", base + "/" + first, "dave@localhost", "dave-password", "message/cpim");
            assertEquals(200, cpim.statusCode(), cpim::body);
            assertTrue(cpim.headers().firstValue("Content-Type").orElse("").startsWith("message/cpim"), cpim::toString);
            assertTrue(cpim.body().contains("imdn.Message-ID: " + prefix + "-1"), cpim::body);

            // nobody else, and no hint of who exists
            HttpResponse<String> foreign = rest("GET", base, "alice", "alice-password", null);
            HttpResponse<String> nobody = rest("GET", "/deferred/v1/sip:nobody@localhost/messages", "alice", "alice-password", null);
            assertProblem(foreign, 404);
            assertProblem(nobody, 404);
            assertEquals(foreign.body(), nobody.body());
            assertProblem(rest("GET", base + "/" + first, "alice", "alice-password", null), 404);
            assertProblem(rest("DELETE", base + "/" + first, "alice", "alice-password", null), 404);
            HttpResponse<String> anonymous = rest("GET", base, null, null, null);
            assertProblem(anonymous, 401);
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), anonymous::toString);
            assertProblem(rest("GET", base, "dave", "wrong-password", null), 401);
            assertEquals(200, rest("GET", base, "admin", AdminClient.PASSWORD, null).statusCode());
            assertProblem(rest("GET", base + "?limit=0", "dave", "dave-password", null), 400);

            assertEquals(204, rest("DELETE", base + "/" + first, "dave", "dave-password", null).statusCode());
            assertProblem(rest("DELETE", base + "/" + first, "dave", "dave-password", null), 404);
            assertProblem(rest("GET", base + "/" + first, "dave", "dave-password", "application/json"), 404);

            // back to push: a new device gets what is left, never the removed message
            assertEquals(200, admin.send("PUT", "/admin/v1/users/sip:dave@localhost/preferences",
                    "{\"deferredDelivery\":\"push\"}").statusCode());
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(dave.register(laptop.port(), 600)));
            String pushed = laptop.next(Duration.ofSeconds(20));
            assertNotNull(pushed);
            assertEquals(prefix + "-2", imdnId(pushed));
            assertNull(laptop.next(Duration.ofSeconds(4)), "the removed message is never pushed");
        }
    }
}
