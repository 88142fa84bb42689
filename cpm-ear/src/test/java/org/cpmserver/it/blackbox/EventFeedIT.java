package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.json.Json;
import javax.json.JsonObject;
import javax.json.JsonReader;
import javax.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's event feed over a real HTTP client, on the shared server (which runs with
 * {@code CPM_EVENTS_FEED_ENABLED=true}): each step of a message's life shows, in order, under
 * one record; positions page; bad positions are problems.
 */
@ExtendWith(StandaloneServer.class)
class EventFeedIT {

    private final AdminClient admin = new AdminClient();

    @Test
    void aDeferredMessageShowsAcceptedDeferredAndDeliveredUnderOneRecord() throws Exception {
        // users of this class alone: the shared server's other tests know nothing of their devices
        String sender = "feeder-" + UUID.randomUUID().toString().substring(0, 8);
        String reader = "feedee-" + UUID.randomUUID().toString().substring(0, 8);
        admin.provision(sender, sender + "-password");
        admin.provision(reader, reader + "-password");
        long start = json(admin.send("GET", "/admin/v1/events/position", null)).getJsonNumber("position").longValue();
        String id = "feed-" + UUID.randomUUID();

        String stored = new DigestClient(sender, sender + "-password").message(reader, "", "message/cpim",
                DigestClient.cpim(sender, reader, id, "text/plain", "see you later"));
        assertEquals("SIP/2.0 202 Accepted", RawSip.statusLine(stored), stored);
        DigestClient readerClient = new DigestClient(reader, reader + "-password");
        int port = Sipp.freePort();
        try (UdpDevice device = new UdpDevice(port)) {
            assertEquals("SIP/2.0 200 OK", RawSip.statusLine(readerClient.register(device.port(), 60)));
            assertTrue(UdpDevice.body(device.take(1, Duration.ofSeconds(20)).get(0)).contains(id));

            List<JsonObject> events = eventsOf(id, start, 3, Duration.ofSeconds(20));
            assertEquals(List.of("accepted", "deferred", "delivered"), events.stream().map(e -> e.getString("kind")).toList(),
                    events::toString);
            String record = events.get(0).getString("recordId");
            for (JsonObject e : events) {
                assertEquals(record, e.getString("recordId"), "one record for the message and this recipient: " + e);
                assertEquals("sip:" + reader + "@localhost", e.getString("recipient"));
                assertEquals("sip:" + sender + "@localhost", e.getJsonObject("message").getString("sender"));
                assertTrue(e.getJsonNumber("seq").longValue() > start);
            }
            assertTrue(events.get(2).containsKey("device"), events.get(2)::toString);
            assertTrue(events.get(0).getJsonNumber("seq").longValue() < events.get(1).getJsonNumber("seq").longValue());
        } finally {
            readerClient.register(port, 0); // no binding outlives the test
        }
    }

    @Test
    void positionsPageAndBadOnesAreProblems() throws Exception {
        JsonObject first = json(admin.send("GET", "/admin/v1/events?after=0&limit=1", null));
        assertTrue(first.getJsonArray("events").size() <= 1, first::toString);
        if (!first.getJsonArray("events").isEmpty()) {
            long seq = first.getJsonArray("events").getJsonObject(0).getJsonNumber("seq").longValue();
            assertEquals(seq, first.getJsonNumber("next").longValue());
            JsonObject second = json(admin.send("GET", "/admin/v1/events?after=" + seq + "&limit=1", null));
            for (JsonValue e : second.getJsonArray("events")) {
                assertTrue(e.asJsonObject().getJsonNumber("seq").longValue() > seq);
            }
        }
        for (String bad : List.of("after=-1", "after=abc", "after=99999999999999999999", "limit=0", "limit=1001")) {
            HttpResponse<String> r = admin.send("GET", "/admin/v1/events?" + bad, null);
            assertEquals(400, r.statusCode(), bad + ": " + r.body());
            assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse(""), bad);
        }
        assertEquals(401, new AdminClient("not-the-password").send("GET", "/admin/v1/events", null).statusCode());
    }

    /** The events of one message (by imdn.Message-ID) after {@code start}, once {@code count} have shown. */
    private List<JsonObject> eventsOf(String imdnMessageId, long start, int count, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        List<JsonObject> found = new ArrayList<>();
        long after = start;
        while (System.nanoTime() < deadline) {
            JsonObject page = json(admin.send("GET", "/admin/v1/events?after=" + after + "&limit=1000", null));
            for (JsonValue v : page.getJsonArray("events")) {
                JsonObject e = v.asJsonObject();
                if (imdnMessageId.equals(e.getJsonObject("message").getString("imdnMessageId", null))) {
                    found.add(e);
                }
            }
            after = page.getJsonNumber("next").longValue();
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + found.size() + " of " + count + " events of " + imdnMessageId + ": " + found);
    }

    private static JsonObject json(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        try (JsonReader reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }
}
