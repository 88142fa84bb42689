package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Requests the server must refuse clearly: the right status, a reason naming the problem, no harm done. */
@ExtendWith(StandaloneServer.class)
class BadInputIT {

    private static final int PORT = StandaloneServer.SIP_PORT;
    private static final String DOMAIN = StandaloneServer.DOMAIN;

    @Test
    void unknownMethodGets501WithAllow() throws Exception {
        String response = RawSip.udp(PORT, RawSip.request("FOO", "alice", DOMAIN));
        assertTrue(RawSip.statusLine(response).startsWith("SIP/2.0 501 Not Implemented"), response);
        assertTrue(RawSip.statusLine(response).contains("FOO"), response);
        assertEquals("MESSAGE, OPTIONS, REGISTER", RawSip.header(response, "Allow"), response);
    }

    @Test
    void knownButUnservedMethodGets405WithAllow() throws Exception {
        String publish = RawSip.request("PUBLISH", "alice", DOMAIN).replace("Content-Length: 0", "Event: presence\nExpires: 60\nContent-Length: 0");
        String response = RawSip.tcp(PORT, publish);
        assertEquals("SIP/2.0 405 Method Not Allowed", RawSip.statusLine(response), response);
        assertEquals("MESSAGE, OPTIONS, REGISTER", RawSip.header(response, "Allow"), response);
    }

    @Test
    void foreignDomainGets404() throws Exception {
        String response = RawSip.udp(PORT, RawSip.request("OPTIONS", "alice", "example.org"));
        assertEquals("SIP/2.0 404 Not Found: domain not served here", RawSip.statusLine(response), response);
    }

    @Test
    void malformedCSeqGets400NamingIt() throws Exception {
        String response = RawSip.udp(PORT, RawSip.request("OPTIONS", "alice", DOMAIN).replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS"));
        assertEquals("SIP/2.0 400 Bad CSeq header", RawSip.statusLine(response), response);
    }

    @Test
    void missingCallIdGets400NamingIt() throws Exception {
        String request = RawSip.request("OPTIONS", "alice", DOMAIN).replaceAll("Call-ID: [^\n]*\n", "");
        String response = RawSip.tcp(PORT, request);
        assertTrue(RawSip.statusLine(response).startsWith("SIP/2.0 400") && RawSip.statusLine(response).contains("Call-ID"), response);
    }

    @Test
    void brokenFromGets400NamingIt() throws Exception {
        String response = RawSip.udp(PORT, RawSip.request("OPTIONS", "alice", DOMAIN).replace(";tag=it1", "").replace("From: <sip:probe@127.0.0.1>", "From: <sip:probe@127.0.0.1"));
        assertEquals("SIP/2.0 400 Bad From header", RawSip.statusLine(response), response);
    }

    @Test
    void truncatedBodyGets400() throws Exception {
        String response = RawSip.udp(PORT, RawSip.request("OPTIONS", "alice", DOMAIN).replace("Content-Length: 0", "Content-Length: 50"));
        assertTrue(RawSip.statusLine(response).startsWith("SIP/2.0 400"), response);
    }

    @AfterAll
    static void serverIsStillHealthy() throws Exception {
        HttpResponse<String> ready = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(StandaloneServer.server().http("/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ready.statusCode(), ready.body());
    }
}
