package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server whose database and broker are unreachable (PostgreSQL and an external broker on ports
 * where nothing listens) must say so: readiness DOWN naming both, SIP and liveness still up.
 * Liberty itself prints "ready" in this state, which is why readiness probes each component.
 */
class DegradedReadinessIT {

    @Test
    void readinessIsDownWhileTheDatabaseAndBrokerAreUnreachable() throws Exception {
        int deadDb = Sipp.freePort();
        int deadBroker = Sipp.freePort();
        try (LibertyServerProcess server = new LibertyServerProcess("cpm-degraded", 15160, 19180, deadBroker, Map.of(
                "CPM_DB", "postgresql",
                "CPM_DB_URL", "jdbc:postgresql://127.0.0.1:" + deadDb + "/cpm?connectTimeout=2",
                "CPM_BROKER_EMBEDDED", "false"))) {
            server.awaitHttp("/health/live", 200, Duration.ofMinutes(3));
            server.awaitHttp("/health/ready", 503, Duration.ofMinutes(1));
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.http("/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, ready.statusCode(), ready.body());
            String body = ready.body();
            assertTrue(body.contains("{\"name\":\"database\",\"status\":\"DOWN\""), body);
            assertTrue(body.contains("{\"name\":\"broker\",\"status\":\"DOWN\""), body);
            // the migrations could not run either: the node says so rather than serve on an unknown schema
            assertTrue(body.contains("{\"name\":\"schema\",\"status\":\"DOWN\""), body);
            assertTrue(body.matches("(?s).*\\{\"name\":\"sip-listeners\",\"status\":\"UP\".*"), body);
            // no CPM_ADMIN_PASSWORD here: one is generated and told to the operator, once
            String console = java.nio.file.Files.readString(server.console);
            assertTrue(console.matches("(?s).*CPM admin API: user 'admin', generated password '[A-Za-z0-9]{20}'.*"), console);
        }
    }
}
