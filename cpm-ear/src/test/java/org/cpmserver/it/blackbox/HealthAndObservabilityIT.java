package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator's endpoints over a real HTTP client: health, metrics, OpenAPI, problem+json errors. */
@ExtendWith(StandaloneServer.class)
class HealthAndObservabilityIT {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(StandaloneServer.server().http(path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessIsUpAndNamesEveryComponent() throws Exception {
        HttpResponse<String> ready = get("/health/ready", null);
        assertEquals(200, ready.statusCode(), ready.body());
        for (String check : new String[] {"\"sip-listeners\"", "\"database\"", "\"broker\"", "\"schema\"", "\"warm-up\""}) {
            assertTrue(ready.body().contains(check), check + " missing from " + ready.body());
        }
        assertTrue(ready.body().contains("\"udp:" + StandaloneServer.SIP_PORT + "\":\"OPTIONS answered 200\""), ready.body());
        assertTrue(ready.body().contains("\"tcp:" + StandaloneServer.SIP_PORT + "\":\"OPTIONS answered 200\""), ready.body());
        assertTrue(ready.body().contains("Apache Derby"), ready.body());
    }

    /**
     * The node warmed its signalling path before it said ready: every synthetic MESSAGE went
     * through and was answered 200, and none of them left a trace in the user-facing records.
     * They ran first, so had they been journaled, the first events of the feed (on for this
     * server) would be theirs; and the MESSAGE counter would count thousands.
     */
    @Test
    void theSignallingPathWarmedUpBeforeReadinessAndLeftNoTrace() throws Exception {
        HttpResponse<String> ready = get("/health/ready", null);
        java.util.regex.Matcher warmUp = java.util.regex.Pattern
                .compile("\"warm-up\":\"(\\d+) of (\\d+) messages answered 200 in \\d+ ms\"").matcher(ready.body());
        assertTrue(warmUp.find(), ready.body());
        int planned = Integer.parseInt(warmUp.group(2));
        assertEquals(4000, planned, "the default count");
        assertEquals(planned, Integer.parseInt(warmUp.group(1)), "every warm-up message answered: " + ready.body());

        HttpResponse<String> events = new AdminClient().send("GET", "/admin/v1/events?after=0&limit=100", null);
        assertEquals(200, events.statusCode(), events.body());
        assertTrue(!events.body().contains("warm-up@"), "a warm-up message reached the journal: " + events.body());
        HttpResponse<String> metrics = get("/metrics", "text/plain");
        java.util.regex.Matcher received = java.util.regex.Pattern
                .compile("application_cpm_sip_requests_total\\{method=\"MESSAGE\"\\} ([0-9.]+)").matcher(metrics.body());
        double messages = received.find() ? Double.parseDouble(received.group(1)) : 0;
        assertTrue(messages < planned, "warm-up MESSAGEs counted as received: " + messages);
        assertTrue(!metrics.body().contains("warm-up"), metrics.body());
    }

    @Test
    void livenessIsUp() throws Exception {
        HttpResponse<String> live = get("/health/live", null);
        assertEquals(200, live.statusCode(), live.body());
        assertTrue(live.body().contains("\"jvm\""), live.body());
    }

    @Test
    void metricsArePrometheusTextWithSipCounters() throws Exception {
        RawSip.udp(StandaloneServer.SIP_PORT, RawSip.request("OPTIONS", "carol", StandaloneServer.DOMAIN));
        HttpResponse<String> metrics = get("/metrics", "text/plain");
        assertEquals(200, metrics.statusCode());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(metrics.body().contains("# TYPE application_cpm_sip_requests_total counter"), metrics.body());
        assertTrue(metrics.body().contains("application_cpm_sip_requests_total{method=\"OPTIONS\"}"), metrics.body());
    }

    @Test
    void openApiDescribesTheRestApi() throws Exception {
        HttpResponse<String> openapi = get("/openapi", null);
        assertEquals(200, openapi.statusCode());
        assertTrue(openapi.body().contains("title: CPM Conversation Server API"), openapi.body());
        assertTrue(openapi.body().contains("/server/v1/info"), openapi.body());
    }

    @Test
    void serverInfoNamesDomainsAndListeners() throws Exception {
        HttpResponse<String> info = get("/server/v1/info", "application/json");
        assertEquals(200, info.statusCode(), info.body());
        assertTrue(info.body().contains("\"sipDomains\":[\"localhost\"]"), info.body());
        assertTrue(info.body().contains("udp:127.0.0.1:" + StandaloneServer.SIP_PORT), info.body());
    }

    @Test
    void unknownResourceIsAProblemDocument() throws Exception {
        HttpResponse<String> missing = get("/server/v1/nothing-here", "application/json");
        assertEquals(404, missing.statusCode());
        assertEquals("application/problem+json", missing.headers().firstValue("Content-Type").orElse(""));
        assertTrue(missing.body().contains("\"status\":404"), missing.body());
        assertTrue(missing.body().contains("\"title\":\"Not Found\""), missing.body());
    }

    @Test
    void wrongMethodIsAProblemDocumentWithAllow() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(StandaloneServer.server().http("/server/v1/info"))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.headers().firstValue("Allow").orElse("").contains("GET"), response.headers().toString());
    }
}
