package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Provisioning over a real HTTP client: Basic auth, validation, conflicts, paging, problem+json. */
@ExtendWith(StandaloneServer.class)
class AdminApiIT {

    private final AdminClient admin = new AdminClient();

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), r.headers().toString());
        assertTrue(r.body().contains("\"status\":" + status), r.body());
    }

    @Test
    void refusesMissingAndWrongCredentials() throws Exception {
        HttpResponse<String> wrong = new AdminClient("not-the-password").send("GET", "/admin/v1/users", null);
        assertProblem(wrong, 401);
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="), wrong.headers().toString());
    }

    @Test
    void provisionsReadsListsAndDeletesAUser() throws Exception {
        HttpResponse<String> created = admin.send("POST", "/admin/v1/users",
                "{\"uri\":\"sip:dora@localhost\",\"password\":\"dora-password\",\"displayName\":\"Dora\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"uri\":\"sip:dora@localhost\""), created.body());
        assertFalse(created.body().toLowerCase().contains("password"), "never echo credentials: " + created.body());
        assertFalse(created.body().toLowerCase().contains("ha1"), created.body());

        assertProblem(admin.send("POST", "/admin/v1/users",
                "{\"uri\":\"sip:dora@localhost\",\"password\":\"other-password\"}"), 409);

        HttpResponse<String> one = admin.send("GET", "/admin/v1/users/sip:dora@localhost", null);
        assertEquals(200, one.statusCode(), one.body());
        assertTrue(one.body().contains("\"displayName\":\"Dora\""), one.body());

        HttpResponse<String> page = admin.send("GET", "/admin/v1/users?offset=0&limit=1", null);
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("\"limit\":1"), page.body());
        assertTrue(page.body().matches("(?s).*\"total\":[1-9].*"), page.body());

        HttpResponse<String> devices = admin.send("GET", "/admin/v1/users/sip:dora@localhost/devices", null);
        assertEquals(200, devices.statusCode(), devices.body());
        assertEquals("[]", devices.body());

        assertEquals(204, admin.send("DELETE", "/admin/v1/users/sip:dora@localhost", null).statusCode());
        assertProblem(admin.send("GET", "/admin/v1/users/sip:dora@localhost", null), 404);
        assertProblem(admin.send("DELETE", "/admin/v1/users/sip:dora@localhost", null), 404);
    }

    /** Removing a user takes the messages waiting for it along: a new user of the same address never sees them. */
    @Test
    void removingAUserDropsWhatWaitsForIt() throws Exception {
        admin.provision("wanda", "wanda-password");
        admin.provision("walt", "walt-password");
        String stored = new DigestClient("walt", "walt-password").message("wanda", "", "text/plain", "for the old wanda");
        assertEquals("SIP/2.0 202 Accepted", RawSip.statusLine(stored), stored);
        HttpResponse<String> waiting = admin.send("GET", "/deferred/v1/sip:wanda@localhost/messages", null);
        assertTrue(waiting.body().contains("\"total\":1"), waiting.body());
        assertEquals(204, admin.send("DELETE", "/admin/v1/users/sip:wanda@localhost", null).statusCode());
        admin.provision("wanda", "wanda-password");
        HttpResponse<String> fresh = admin.send("GET", "/deferred/v1/sip:wanda@localhost/messages", null);
        assertEquals(200, fresh.statusCode(), fresh.body());
        assertTrue(fresh.body().contains("\"total\":0"), "nothing of the removed user's: " + fresh.body());
    }

    @Test
    void refusesBadProvisioningRequests() throws Exception {
        assertProblem(admin.send("POST", "/admin/v1/users", "{\"uri\":\"tel:+4930\",\"password\":\"long-enough\"}"), 400);
        assertProblem(admin.send("POST", "/admin/v1/users", "{\"uri\":\"sip:eve@example.org\",\"password\":\"long-enough\"}"), 400);
        assertProblem(admin.send("POST", "/admin/v1/users", "{\"uri\":\"sip:eve@localhost\",\"password\":\"short\"}"), 400);
        assertProblem(admin.send("POST", "/admin/v1/users", "{\"uri\":\"sip:eve@localhost\"}"), 400);
        assertProblem(admin.send("POST", "/admin/v1/users", "{\"uri\": broken json"), 400);
        assertProblem(admin.send("GET", "/admin/v1/users?limit=0", null), 400);
        assertProblem(admin.send("GET", "/admin/v1/users/not-a-uri", null), 400);
        assertProblem(admin.send("GET", "/admin/v1/users/sip:eve@localhost", null), 404);
    }

    @Test
    void storesAndValidatesPreferences() throws Exception {
        admin.provision("frank", "frank-password");
        HttpResponse<String> put = admin.send("PUT", "/admin/v1/users/sip:frank@localhost/preferences",
                "{\"blockedSenders\":[\"sip:spam@localhost\"],\"allowedContentTypes\":[\"text/plain\"],\"maxMessageSize\":500}");
        assertEquals(200, put.statusCode(), put.body());
        HttpResponse<String> get = admin.send("GET", "/admin/v1/users/sip:frank@localhost/preferences", null);
        assertTrue(get.body().contains("\"blockedSenders\":[\"sip:spam@localhost\"]"), get.body());
        assertTrue(get.body().contains("\"maxMessageSize\":500"), get.body());
        assertProblem(admin.send("PUT", "/admin/v1/users/sip:frank@localhost/preferences",
                "{\"allowedContentTypes\":[\"not a type\"]}"), 400);
        assertProblem(admin.send("PUT", "/admin/v1/users/sip:frank@localhost/preferences",
                "{\"maxMessageSize\":0}"), 400);
        assertProblem(admin.send("PUT", "/admin/v1/users/sip:nobody@localhost/preferences", "{}"), 404);
    }
}
