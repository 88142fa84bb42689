package org.cpmserver.it.blackbox;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real SIP clients from Debian against a server of their own: three linphonec (liblinphone 5.1)
 * and one baresip 1.0, each with its own configuration directory under
 * {@code target/it-work/clients/}, its own SIP port, no audio or video device, and no network but
 * 127.0.0.1.
 *
 * <ul>
 * <li>alice: linphonec sending plain {@code text/plain} (SIP SIMPLE), the partner of bob;</li>
 * <li>bob: baresip, which accepts only {@code text/plain};</li>
 * <li>carol and dave: linphonec sending CPIM that asks for delivery notifications, which
 * liblinphone sends back by itself (a {@code message/imdn+xml} notification, in CPIM,
 * {@code Content-Encoding: deflate}).</li>
 * </ul>
 *
 * The methods run in order: each builds on the registrations of the first, and the last takes
 * dave offline.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealClientsIT {

    private static final int SIP = 15760;
    private static final int HTTP = 19780;
    private static final int BROKER = 17316;
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** The server's default digest settings: the clients packaged in Debian must register out of the box. */
    private static final Map<String, String> ENV = Map.of("CPM_ADMIN_PASSWORD", AdminClient.PASSWORD);

    private static LibertyServerProcess server;
    private static Linphone alice;
    private static Baresip bob;
    private static Linphone carol;
    private static Linphone dave;

    @BeforeAll
    static void start() throws Exception {
        server = LibertyServerProcess.startWithUsers("cpm-clients", SIP, HTTP, BROKER, ENV, "alice", "bob", "carol", "dave");
        alice = Linphone.start("alice", SIP, false);
        bob = Baresip.start("bob", SIP, "alice");
        carol = Linphone.start("carol", SIP, true);
        dave = Linphone.start("dave", SIP, true);
    }

    @AfterAll
    static void stop() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (RealClient client : new RealClient[] {alice, bob, carol, dave}) {
            try {
                if (client != null) {
                    client.close();
                }
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (server != null) {
            server.close();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static String text(String what) {
        return what + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @Order(1)
    void everyClientRegistersWithDigest() throws Exception {
        for (Linphone l : new Linphone[] {alice, carol, dave}) {
            l.awaitRegistered(WAIT);
            assertTrue(l.answeredDigestChallenge(), l + " registered without answering a digest challenge; see " + l.log());
        }
        bob.awaitRegistered(WAIT);
    }

    @Test
    @Order(2)
    void linphoneAndBaresipExchangeTextBothWays() throws Exception {
        String toBob = text("hello bob, from alice on linphone");
        Linphone.Sent sent = alice.chat("bob", toBob);
        bob.awaitReceived("alice", toBob, WAIT);
        alice.awaitState(sent, "Delivered", WAIT);

        String toAlice = text("hello alice, from bob on baresip");
        bob.message(toAlice);
        alice.awaitReceived("bob", toAlice, WAIT);
    }

    @Test
    @Order(3)
    void twoLinphonesExchangeCpimBothWays() throws Exception {
        String toDave = text("hello dave, from carol");
        carol.chat("dave", toDave);
        dave.awaitReceived("carol", toDave, WAIT);

        String toCarol = text("hello carol, from dave");
        dave.chat("carol", toCarol);
        carol.awaitReceived("dave", toCarol, WAIT);
    }

    /**
     * dave's liblinphone answers carol's CPIM message with a positive delivery notification of its
     * own accord; the server must carry it to carol's device, where the message becomes
     * {@code DeliveredToUser}.
     */
    @Test
    @Order(4)
    void theRecipientsDeliveryReportReachesTheSendersDevice() throws Exception {
        long daveFrom = RealClient.mark(dave.log());
        String report = text("please confirm, dave");
        Linphone.Sent sent = carol.chat("dave", report);
        dave.awaitReceived("carol", report, WAIT);
        carol.awaitState(sent, "Delivered", WAIT);
        try {
            carol.awaitDeliveredToUser(sent, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the responses dave's device got meanwhile (its notification among them): "
                    + dave.responses(daveFrom), e);
        }
    }

    /** A message for a user whose only device went offline is stored and reaches it when it registers again. */
    @Test
    @Order(5)
    void aMessageForAnOfflineUserArrivesWhenTheUserIsBack() throws Exception {
        dave.stop(); // linphonec unregisters when it quits
        assertTrue(RealClient.readFrom(dave.log(), 0).contains("to [LinphoneRegistrationCleared]"),
                "dave did not unregister on quit; see " + dave.log());

        long carolFrom = RealClient.mark(carol.log());
        String deferred = text("while you were away, dave");
        Linphone.Sent sent = carol.chat("dave", deferred);
        carol.awaitState(sent, "Delivered", WAIT);
        assertTrue(carol.responses(carolFrom).stream().anyMatch(s -> s.startsWith("SIP/2.0 202")),
                "the server did not answer 202 (stored) for offline dave: " + carol.responses(carolFrom));

        dave.start();
        dave.awaitRegistered(WAIT);
        dave.awaitReceived("carol", deferred, WAIT);
    }
}
