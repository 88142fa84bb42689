package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the Participating Function refuses, and how: malformed or unsupported bodies, unknown
 * extensions, and the recipient's preferences (blocked senders, content types, size) applied
 * after the provider's limits. Every refusal names its reason.
 */
@ExtendWith(StandaloneServer.class)
class PagerPolicyIT {

    private static final AdminClient ADMIN = new AdminClient();
    private final DigestClient judy = new DigestClient("judy", "judy-password");

    @BeforeAll
    static void users() throws Exception {
        for (String user : new String[] {"judy", "ken", "lena", "mike"}) {
            ADMIN.provision(user, user + "-password");
        }
        HttpResponse<String> r = ADMIN.send("PUT", "/admin/v1/users/sip:ken@localhost/preferences",
                "{\"blockedSenders\":[\"sip:judy@localhost\"]}");
        assertEquals(200, r.statusCode(), r.body());
        r = ADMIN.send("PUT", "/admin/v1/users/sip:lena@localhost/preferences",
                "{\"allowedContentTypes\":[\"text/plain\"],\"maxMessageSize\":300}");
        assertEquals(200, r.statusCode(), r.body());
    }

    private static String status(String response) {
        return RawSip.statusLine(response);
    }

    @Test
    void malformedCpimIs400NamingTheFault() throws Exception {
        String broken = "From: <sip:judy@localhost>\nTo: <sip:lena@localhost>\nContent-Type: text/plain\n\nno blank line";
        String response = judy.message("lena", "", "message/cpim", broken);
        assertTrue(status(response).startsWith("SIP/2.0 400 Bad CPIM"), response);
    }

    @Test
    void aMessageWithoutBodyIs400() throws Exception {
        String response = judy.message("lena", "", null, "");
        assertEquals("SIP/2.0 400 Bad Request: MESSAGE without a body", status(response), response);
    }

    @Test
    void anUnsupportedContentTypeIs415WithAccept() throws Exception {
        String response = judy.message("lena", "", "application/octet-stream", "\u0001\u0002");
        assertTrue(status(response).startsWith("SIP/2.0 415"), response);
        assertTrue(RawSip.header(response, "Accept").contains("message/cpim"), response);
    }

    @Test
    void brokenIsComposingXmlIs400() throws Exception {
        String response = judy.message("lena", "", "application/im-iscomposing+xml", "<isComposing><state>typing");
        assertTrue(status(response).startsWith("SIP/2.0 400"), response);
    }

    @Test
    void anUnknownRequiredExtensionIs420() throws Exception {
        String response = judy.message("lena", "Require: teleportation\n", "text/plain", "hi");
        assertEquals("SIP/2.0 420 Bad Extension", status(response), response);
        assertEquals("teleportation", RawSip.header(response, "Unsupported"), response);
    }

    @Test
    void aBlockedSenderIsRefused() throws Exception {
        String response = judy.message("ken", "", "text/plain", "let me in");
        assertEquals("SIP/2.0 403 Forbidden: the recipient does not accept messages from you", status(response), response);
    }

    @Test
    void theRecipientsContentTypesApplyToTheCpimPayload() throws Exception {
        String response = judy.message("lena", "", "message/cpim",
                DigestClient.cpim("judy", "lena", "h-" + UUID.randomUUID(), "text/html", "<b>hi</b>"));
        assertEquals("SIP/2.0 415 Unsupported Media Type: the recipient does not accept text/html", status(response), response);
    }

    @Test
    void theRecipientsSizeLimitApplies() throws Exception {
        String response = judy.message("lena", "", "text/plain", "y".repeat(400));
        assertEquals("SIP/2.0 413 Request Entity Too Large: the recipient accepts at most 300 bytes", status(response), response);
    }

    @Test
    void anUnregisteredDeviceNoLongerReceives() throws Exception {
        DigestClient mike = new DigestClient("mike", "mike-password");
        assertEquals("SIP/2.0 200 OK", status(mike.register(5998, 120)));
        HttpResponse<String> devices = ADMIN.send("GET", "/admin/v1/users/sip:mike@localhost/devices", null);
        assertTrue(devices.body().contains("127.0.0.1:5998"), devices.body());

        String gone = mike.register(5998, 0);
        assertEquals("SIP/2.0 200 OK", status(gone), gone);
        assertEquals("[]", ADMIN.send("GET", "/admin/v1/users/sip:mike@localhost/devices", null).body());
        String response = judy.message("mike", "", "text/plain", "still there?");
        assertEquals("SIP/2.0 202 Accepted", status(response), "kept for later, not delivered: " + response);
    }

    @Test
    void aRequiredCpmServiceSelectsOnlyDevicesThatDeclareIt() throws Exception {
        // lena's only device declares no CPM service; a sender that requires the CPM messaging
        // service explicitly (RFC 3841 require;explicit) finds no device for it
        DigestClient lena = new DigestClient("lena", "lena-password");
        assertEquals("SIP/2.0 200 OK", status(lena.register(5996, 120)));
        String response = judy.message("lena",
                "Accept-Contact: *;+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg\";require;explicit\n",
                "text/plain", "only for CPM devices");
        assertTrue(status(response).startsWith("SIP/2.0 480"), response);
        assertEquals("SIP/2.0 200 OK", status(lena.register(5996, 0)));
    }

    @Test
    void operatorCountersFollowTheTraffic() throws Exception {
        judy.message("ken", "", "text/plain", "counted as blocked");
        HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(StandaloneServer.server().http("/metrics")).header("Accept", "text/plain").build(),
                HttpResponse.BodyHandlers.ofString());
        String text = metrics.body();
        assertTrue(text.matches("(?s).*application_cpm_messages_received_total [1-9].*"), text);
        assertTrue(text.matches("(?s).*application_cpm_messages_failed_total\\{reason=\"blocked\"} [1-9].*"), text);
        assertTrue(text.contains("application_cpm_registrations_active"), text);
    }

    @Test
    void aTooShortRegistrationIs423WithMinExpires() throws Exception {
        String response = new DigestClient("mike", "mike-password").register(5997, 10);
        assertEquals("SIP/2.0 423 Interval Too Brief", status(response), response);
        assertEquals("60", RawSip.header(response, "Min-Expires"), response);
    }
}
