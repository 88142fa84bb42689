package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OPTIONS from a real SIP peer (sipp) over UDP and TCP: the first proof the container runs the app. */
@ExtendWith(StandaloneServer.class)
class CapabilityQueryIT {

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void sippGets200WithCapabilities(String transport) throws Exception {
        Sipp.Run run = Sipp.scenario("options").transport(transport).user("alice").run();
        assertEquals(0, run.exitCode, run::toString);
        assertTrue(run.messages.contains("SIP/2.0 200 OK"), run::toString);
    }

    @Test
    void theServerItselfAnswersByAddress() throws Exception {
        String response = RawSip.udp(StandaloneServer.SIP_PORT, "OPTIONS sip:127.0.0.1:" + StandaloneServer.SIP_PORT + " SIP/2.0\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:$PORT;branch=$BRANCH\n"
                + "From: <sip:probe@127.0.0.1>;tag=a\nTo: <sip:127.0.0.1>\nCall-ID: by-address@127.0.0.1\n"
                + "CSeq: 7 OPTIONS\nMax-Forwards: 70\nContent-Length: 0\n\n");
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(response), response);
    }

    @Test
    void advertisesExactlyWhatIsDeployed() throws Exception {
        // the server's own URI (the served domain): a user's address is answered by the user's devices
        String response = RawSip.tcp(StandaloneServer.SIP_PORT, RawSip.request("OPTIONS", null, StandaloneServer.DOMAIN));
        assertEquals("SIP/2.0 200 OK", RawSip.statusLine(response), response);
        assertEquals("MESSAGE, OPTIONS, REGISTER", RawSip.header(response, "Allow"), response);
        assertEquals("application/im-iscomposing+xml, application/vnd.cpmserver.deferred-retrieve+xml, message/cpim, "
                + "message/imdn+xml, text/plain",
                RawSip.header(response, "Accept"), response);
        assertEquals("recipient-list-message", RawSip.header(response, "Supported"), response);
        String contact = RawSip.header(response, "Contact");
        assertNotNull(contact, response);
        assertTrue(contact.startsWith("<sip:127.0.0.1:" + StandaloneServer.SIP_PORT + ";transport=tcp>"), contact);
        // exactly the CPM services implemented: pager messaging, nothing more (RFC 3840: a tag is a promise)
        assertTrue(contact.endsWith(";+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\""), contact);
    }
}
