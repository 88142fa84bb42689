package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * IMS Application Server mode with Kamailio as the S-CSCF in front: UEs register with Kamailio,
 * which tells the server by third-party REGISTER; a MESSAGE reaches the server with the identity
 * Kamailio asserts, and goes back through Kamailio to the recipient's UE. Nobody but the trusted
 * S-CSCF may send the server requests.
 */
class ImsModeIT {

    private static final int AS_PORT = 15260;
    private static final int HTTP_PORT = 19280;
    private static final int SCSCF_PORT = 25070;

    private static LibertyServerProcess server;
    private static Kamailio scscf;

    @BeforeAll
    static void start() throws Exception {
        server = new LibertyServerProcess("cpm-ims", AS_PORT, HTTP_PORT, 16816, Map.of(
                "CPM_MODE", "ims",
                "CPM_IMS_TRUSTED_HOSTS", "127.0.0.1:" + SCSCF_PORT,
                "CPM_ADMIN_PASSWORD", AdminClient.PASSWORD));
        server.awaitHttp("/health/ready", 200, Duration.ofMinutes(3));
        scscf = new Kamailio("scscf.cfg", SCSCF_PORT, AS_PORT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (scscf != null) {
            scscf.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aMessageTravelsUeScscfAsScscfUe() throws Exception {
        AdminClient admin = new AdminClient(server, AdminClient.PASSWORD);
        admin.provision("alice", "alice-password");
        admin.provision("bob", "bob-password");
        int bobUe = Sipp.freePort();
        Sipp.Run reg = Sipp.scenario("ims-register").server(SCSCF_PORT).user("bob").localPort(bobUe).run();
        assertEquals(0, reg.exitCode, reg::toString);

        HttpResponse<String> devices = null;
        for (int i = 0; i < 50; i++) {
            devices = admin.send("GET", "/admin/v1/users/sip:bob@localhost/devices", null);
            if (devices.body().contains(Integer.toString(SCSCF_PORT))) {
                break;
            }
            Thread.sleep(100);
        }
        assertTrue(devices.body().contains("127.0.0.1:" + SCSCF_PORT), "third-party REGISTER recorded: " + devices.body());
        // the capabilities are the UE's, read from its REGISTER that Kamailio embedded as message/sip
        assertTrue(devices.body().contains("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"),
                "the UE's feature tags: " + devices.body());

        Sipp.Running ue = Sipp.scenario("receiver").user("bob").localPort(bobUe).start();
        Thread.sleep(500);
        Sipp.Run send = Sipp.scenario("ims-send").server(SCSCF_PORT).user("bob").key("from_user", "alice")
                .key("message_id", "ims-" + UUID.randomUUID()).key("text", "via the S-CSCF").expect(200).run();
        assertEquals(0, send.exitCode, send::toString);
        Sipp.Run received = ue.await(Duration.ofSeconds(30));
        assertEquals(0, received.exitCode, received::toString);
        assertTrue(received.messages.contains("via the S-CSCF"), received::toString);
        assertTrue(received.messages.contains("P-Asserted-Identity: <sip:alice@localhost>")
                || received.messages.contains("P-Asserted-Identity: sip:alice@localhost"), received::toString);
    }

    @Test
    void requestsThatDoNotComeFromTheScscfAre403() throws Exception {
        Sipp.Run direct = Sipp.scenario("ims-send").server(AS_PORT).user("bob").key("from_user", "alice")
                .key("message_id", "rogue-" + UUID.randomUUID()).key("text", "bypassing the S-CSCF").expect(403).run();
        assertEquals(0, direct.exitCode, direct::toString);
        assertTrue(direct.messages.contains("403 Forbidden: not a trusted S-CSCF"), direct::toString);

        String register = RawSip.udp(AS_PORT, "REGISTER sip:localhost SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:$PORT;branch=$BRANCH\n"
                + "From: <sip:mallory@localhost>;tag=r\nTo: <sip:alice@localhost>\nCall-ID: rogue-" + UUID.randomUUID() + "\n"
                + "CSeq: 1 REGISTER\nMax-Forwards: 70\nContact: <sip:mallory@127.0.0.1:6666>\nExpires: 600\nContent-Length: 0\n\n");
        assertEquals("SIP/2.0 403 Forbidden: not a trusted S-CSCF", RawSip.statusLine(register), register);
    }
}
