package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pager mode end to end with sipp as every peer: devices register with digest authentication,
 * alice's MESSAGE reaches both of bob's devices, both devices send a delivery notification, and
 * alice receives exactly one. Then the refusals (407, 413, 404, 403) and the 202 of a message
 * kept for an offline recipient.
 */
@ExtendWith(StandaloneServer.class)
class PagerModeIT {

    private static final AdminClient ADMIN = new AdminClient();

    @BeforeAll
    static void users() throws Exception {
        for (String user : new String[] {"alice", "bob", "carol", "erin"}) {
            ADMIN.provision(user, user + "-password");
        }
    }

    private static Sipp.Run register(String user, int port, String instance) throws Exception {
        return Sipp.scenario("register").user(user).localPort(port).auth(user, user + "-password")
                .key("instance", instance).key("expires", "600").expect(200).run();
    }

    @Test
    void aMessageReachesEveryDeviceAndTheSenderGetsOneDeliveryNotification() throws Exception {
        int bob1 = Sipp.freePort();
        int bob2 = Sipp.freePort();
        int aliceInbox = Sipp.freePort();
        Sipp.Run r1 = register("bob", bob1, "urn:uuid:" + UUID.randomUUID());
        assertEquals(0, r1.exitCode, r1::toString);
        Sipp.Run r2 = register("bob", bob2, "urn:uuid:" + UUID.randomUUID());
        assertEquals(0, r2.exitCode, r2::toString);
        Sipp.Run r3 = register("alice", aliceInbox, "urn:uuid:" + UUID.randomUUID());
        assertEquals(0, r3.exitCode, r3::toString);

        HttpResponse<String> devices = ADMIN.send("GET", "/admin/v1/users/sip:bob@localhost/devices", null);
        assertEquals(200, devices.statusCode(), devices.body());
        assertTrue(devices.body().contains("127.0.0.1:" + bob1) && devices.body().contains("127.0.0.1:" + bob2), devices.body());
        assertTrue(devices.body().contains("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"), devices.body());

        Sipp.Running device1 = Sipp.scenario("device").user("bob").localPort(bob1).auth("bob", "bob-password")
                .key("peer", "alice").start();
        Sipp.Running device2 = Sipp.scenario("device").user("bob").localPort(bob2).auth("bob", "bob-password")
                .key("peer", "alice").start();
        Sipp.Running inbox = Sipp.scenario("receiver").user("alice").localPort(aliceInbox).calls(2).timeout("12s").start();
        Thread.sleep(500); // let the UAS sockets open

        String messageId = "m-" + UUID.randomUUID();
        Sipp.Run send = Sipp.scenario("pager-send").user("bob").key("from_user", "alice").auth("alice", "alice-password")
                .key("message_id", messageId).key("text", "hello bob, on every device").expect(200).run();
        assertEquals(0, send.exitCode, send::toString);

        Sipp.Run d1 = device1.await(Duration.ofSeconds(30));
        Sipp.Run d2 = device2.await(Duration.ofSeconds(30));
        assertEquals(0, d1.exitCode, d1::toString);
        assertEquals(0, d2.exitCode, d2::toString);
        assertTrue(d1.messages.contains("hello bob, on every device") && d2.messages.contains("hello bob, on every device"));

        // the inbox accepts up to two MESSAGEs within 12 s; exactly one notification may arrive
        Sipp.Run notifications = inbox.await(Duration.ofSeconds(30));
        assertEquals(1, notifications.count("<delivered/>"), notifications::toString);
        assertTrue(notifications.messages.contains("<message-id>" + messageId + "</message-id>"), notifications::toString);
    }

    /**
     * Every SIP application session of a delivered message is released once all its transactions
     * are over, so the live count returns to where it was. Erin's tablet is registered but never
     * answers: each message is delivered to her phone at once, while its leg to the tablet stays
     * open until it times out (Timer F, 32 s), so the sessions are visibly alive first. A session
     * left behind per message filled the heap in the soak (bench/suites/90-soak.sh).
     */
    @Test
    void theSessionsOfDeliveredMessagesAreReleased() throws Exception {
        int erinPhone = Sipp.freePort();
        int erinTablet = Sipp.freePort();
        assertEquals(0, register("erin", erinPhone, "urn:uuid:" + UUID.randomUUID()).exitCode);
        assertEquals(0, register("erin", erinTablet, "urn:uuid:" + UUID.randomUUID()).exitCode);
        long before = liveSessions();
        int count = 40;
        Sipp.Running phone = Sipp.scenario("receiver").user("erin").localPort(erinPhone).calls(count).timeout("60s").start();
        Thread.sleep(500);
        Sipp.Run send = Sipp.scenario("pager-send-many").user("erin").key("from_user", "alice").auth("alice", "alice-password")
                .key("message_id", "released-" + UUID.randomUUID()).calls(count).expect(200).extraArgs("-r", "40").run();
        assertEquals(0, send.exitCode, send::toString);
        assertEquals(0, phone.await(Duration.ofSeconds(30)).exitCode);
        long live = liveSessions();
        assertTrue(live >= before + count, "with a leg to the tablet open, " + live + " application sessions alive, "
                + before + " before " + count + " messages");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (live > before + 2 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            live = liveSessions();
        }
        assertTrue(live <= before + 2, "application sessions alive: " + before + " before " + count + " messages, " + live
                + " 90 s after them");
    }

    private static long liveSessions() throws Exception {
        return applicationMetric("application_cpm_sip_application_sessions");
    }

    /**
     * The container stamps every request's arrival (msgArrivalTimeAttr), and the overload guard
     * measures each MESSAGE's wait in the container's queues from it: the histogram counts
     * every MESSAGE. Without the stamp the guard could not refuse late MESSAGEs with 503.
     */
    @Test
    void theWaitOfEveryMessageInTheContainersQueuesIsMeasured() throws Exception {
        long before = applicationMetric("application_cpm_pager_queue_delay_ms_count");
        // measured first thing, before routing: a recipient that does not exist will do
        Sipp.Run send = Sipp.scenario("pager-send").user("nobody").key("from_user", "alice").auth("alice", "alice-password")
                .key("message_id", "wait-" + UUID.randomUUID()).key("text", "how long did I wait?").expect(404).run();
        assertEquals(0, send.exitCode, send::toString);
        // the first MESSAGE (answered 407) and its authenticated retry (answered 404)
        assertTrue(applicationMetric("application_cpm_pager_queue_delay_ms_count") >= before + 2);
    }

    private static long applicationMetric(String name) throws Exception {
        HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + StandaloneServer.HTTP_PORT + "/metrics/application")).build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + name + " (\\S+)$").matcher(metrics.body());
        assertTrue(m.find(), name + " in " + metrics.body());
        return (long) Double.parseDouble(m.group(1));
    }

    @Test
    void withoutCredentialsTheSenderIsChallenged() throws Exception {
        String response = RawSip.udp(StandaloneServer.SIP_PORT, RawSip.request("MESSAGE", "bob", "localhost", "text/plain", "hi")
                .replace("From: <sip:probe@127.0.0.1>", "From: <sip:alice@localhost>"));
        assertEquals("SIP/2.0 407 Proxy Authentication Required", RawSip.statusLine(response), response);
        assertTrue(response.contains("Proxy-Authenticate: Digest"), response);
        assertTrue(response.contains("algorithm=SHA-256"), response);
        assertTrue(response.contains("algorithm=MD5"), response);
        assertTrue(response.indexOf("algorithm=MD5") < response.indexOf("algorithm=SHA-256"), "configured order: " + response);
    }

    @Test
    void anOversizedMessageIsRefusedPointingToLargeMessageMode() throws Exception {
        Sipp.Run run = Sipp.scenario("pager-send").user("bob").key("from_user", "alice").auth("alice", "alice-password")
                .key("message_id", "big-" + UUID.randomUUID()).key("text", "x".repeat(1400)).expect(413).run();
        assertEquals(0, run.exitCode, run::toString);
        assertTrue(run.messages.contains("Large Message Mode"), run::toString);
    }

    @Test
    void anUnknownRecipientIs404() throws Exception {
        Sipp.Run run = Sipp.scenario("pager-send").user("nobody").key("from_user", "alice").auth("alice", "alice-password")
                .key("message_id", "u-" + UUID.randomUUID()).key("text", "anyone?").expect(404).run();
        assertEquals(0, run.exitCode, run::toString);
    }

    @Test
    void aForgedFromIs403() throws Exception {
        Sipp.Run run = Sipp.scenario("pager-send").user("bob").key("from_user", "mallory").auth("alice", "alice-password")
                .key("message_id", "f-" + UUID.randomUUID()).key("text", "it is me, honest").expect(403).run();
        assertEquals(0, run.exitCode, run::toString);
    }

    @Test
    void aMessageForARecipientWithoutDevicesIsStoredWith202() throws Exception {
        Sipp.Run run = Sipp.scenario("pager-send").user("carol").key("from_user", "alice").auth("alice", "alice-password")
                .key("message_id", "o-" + UUID.randomUUID()).key("text", "are you there?").expect(202).run();
        assertEquals(0, run.exitCode, run::toString);
        assertTrue(run.messages.contains("SIP/2.0 202 Accepted"), run::toString);
    }

    @Test
    void aWrongPasswordCannotRegister() throws Exception {
        Sipp.Run run = Sipp.scenario("register").user("carol").auth("carol", "wrong-password")
                .key("instance", "urn:uuid:" + UUID.randomUUID()).key("expires", "600").expect(403).run();
        assertEquals(0, run.exitCode, run::toString);
    }
}
