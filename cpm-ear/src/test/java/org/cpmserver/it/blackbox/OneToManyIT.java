package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One-to-many pager mode (RFC 5365): one MESSAGE with a recipient list fans out to each listed
 * recipient's devices; the sender gets 202 once every copy is recorded.
 */
@ExtendWith(StandaloneServer.class)
class OneToManyIT {

    private static final AdminClient ADMIN = new AdminClient();
    private static final String BOUNDARY = "cpm-boundary-42";
    private final DigestClient quinn = new DigestClient("quinn", "quinn-password");

    @BeforeAll
    static void users() throws Exception {
        for (String user : new String[] {"quinn", "nina", "oscar", "paul"}) {
            ADMIN.provision(user, user + "-password");
        }
    }

    private static String listBody(String text, String... recipients) {
        StringBuilder list = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<resource-lists xmlns=\"urn:ietf:params:xml:ns:resource-lists\" xmlns:cp=\"urn:ietf:params:xml:ns:copycontrol\">\n"
                + "<list>\n");
        for (String r : recipients) {
            list.append("<entry uri=\"sip:").append(r).append("@localhost\" cp:copyControl=\"to\"/>\n");
        }
        list.append("</list>\n</resource-lists>");
        return "--" + BOUNDARY + "\n"
                + "Content-Type: text/plain\n\n"
                + text + "\n"
                + "--" + BOUNDARY + "\n"
                + "Content-Type: application/resource-lists+xml\n"
                + "Content-Disposition: recipient-list\n\n"
                + list + "\n"
                + "--" + BOUNDARY + "--\n";
    }

    private String sendList(String body) throws Exception {
        return quinn.message("exploder", "Require: recipient-list-message\n", "multipart/mixed;boundary=" + BOUNDARY, body);
    }

    @Test
    void oneMessageReachesEveryListedRecipient() throws Exception {
        int ninaPort = Sipp.freePort();
        int oscarPort = Sipp.freePort();
        for (Object[] device : new Object[][] {{"nina", ninaPort}, {"oscar", oscarPort}}) {
            Sipp.Run reg = Sipp.scenario("register").user((String) device[0]).localPort((Integer) device[1])
                    .auth((String) device[0], device[0] + "-password").key("instance", "urn:uuid:" + UUID.randomUUID())
                    .key("expires", "600").expect(200).run();
            assertEquals(0, reg.exitCode, reg::toString);
        }
        Sipp.Running nina = Sipp.scenario("receiver").user("nina").localPort(ninaPort).start();
        Sipp.Running oscar = Sipp.scenario("receiver").user("oscar").localPort(oscarPort).start();
        Thread.sleep(500);

        // paul is offline (his copy is kept for later) and "ghost" does not exist: the others still get it
        String response = sendList(listBody("hello all", "nina", "oscar", "paul", "ghost"));
        assertEquals("SIP/2.0 202 Accepted", RawSip.statusLine(response), response);

        Sipp.Run n = nina.await(Duration.ofSeconds(30));
        Sipp.Run o = oscar.await(Duration.ofSeconds(30));
        assertEquals(0, n.exitCode, n::toString);
        assertEquals(0, o.exitCode, o::toString);
        assertTrue(n.messages.contains("hello all") && n.messages.contains("To: sip:nina@localhost"), n::toString);
        assertTrue(o.messages.contains("hello all") && o.messages.contains("To: sip:oscar@localhost"), o::toString);
    }

    @Test
    void aListNobodyCanReceiveIs480() throws Exception {
        String response = sendList(listBody("anyone?", "ghost", "phantom"));
        assertTrue(RawSip.statusLine(response).startsWith("SIP/2.0 480"), response);
    }

    @Test
    void aBrokenListIs400() throws Exception {
        String broken = listBody("x", "nina").replace("</list>", "");
        String response = sendList(broken);
        assertTrue(RawSip.statusLine(response).startsWith("SIP/2.0 400"), response);
    }

    @Test
    void aListWithoutTheRecipientListPartIs400() throws Exception {
        String body = "--" + BOUNDARY + "\nContent-Type: text/plain\n\nhi\n--" + BOUNDARY + "--\n";
        String response = sendList(body);
        assertTrue(RawSip.statusLine(response).startsWith("SIP/2.0 400"), response);
    }
}
