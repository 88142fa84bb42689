package org.cpmserver.participating;


import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.deferred.DeferredMessaging;
import org.cpmserver.delivery.DeviceAnswer;
import org.cpmserver.delivery.DeviceMessenger;
import org.cpmserver.delivery.DeviceMessengers;
import org.cpmserver.delivery.Origin;
import org.cpmserver.events.MessageEvent;
import org.cpmserver.events.MessageEvents;
import org.cpmserver.journal.JournalEntry;
import org.cpmserver.journal.MessageJournal;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.DispositionReport;
import org.cpmserver.message.Messages;
import org.cpmserver.message.Refusal;
import org.cpmserver.participating.policy.BlockedSenderPolicyAccess;
import org.cpmserver.participating.policy.PolicyChain;
import org.cpmserver.participating.policy.RecipientContentPolicy;
import org.cpmserver.preferences.PreferencesCache;
import org.cpmserver.preferences.UserPreferences;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Device;
import org.cpmserver.registrar.RegisteredDevices;
import org.cpmserver.subscriber.SubscriberDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Participating Function's story without the container: the collaborators are small
 * hand-written stand-ins that record what they were asked and answer as each test says.
 */
class ParticipatingFunctionTest {

    static final SipAddress ALICE = SipAddress.parse("sip:alice@example.com");
    static final SipAddress BOB = SipAddress.parse("sip:bob@example.com");
    static final SipAddress CAROL = SipAddress.parse("sip:carol@example.com");

    final Map<SipAddress, List<Device>> devices = new HashMap<>();
    final Set<SipAddress> users = new java.util.HashSet<>(Set.of(ALICE, BOB, CAROL));
    final Map<SipAddress, UserPreferences> prefs = new HashMap<>();
    final List<JournalEntry> journaled = new ArrayList<>();
    final List<String> claims = new ArrayList<>();
    final List<SipAddress> deferredFor = new ArrayList<>();
    final List<MessageEvent> published = new ArrayList<>();
    final Map<String, CompletableFuture<DeviceAnswer>> legs = new HashMap<>();
    Optional<String> storeFull = Optional.empty();
    boolean journalDown;

    ParticipatingFunction function;

    @BeforeEach
    void wire() {
        function = new ParticipatingFunction();
        function.settings = new CpmSettings() {
            @Override
            public boolean servesDomain(String host) {
                return "example.com".equals(host);
            }
        };
        function.registered = new RegisteredDevices() {
            @Override
            public List<Device> of(SipAddress aor) {
                return devices.getOrDefault(aor, List.of());
            }
        };
        function.directory = new SubscriberDirectory() {
            @Override
            public boolean exists(SipAddress aor) {
                return users.contains(aor);
            }
        };
        function.preferences = new PreferencesCache() {
            @Override
            public UserPreferences of(SipAddress user) {
                return prefs.getOrDefault(user, UserPreferences.NONE);
            }
        };
        function.policies = PolicyChain.of(BlockedSenderPolicyAccess.rejecting(), new RecipientContentPolicy());
        function.journal = new MessageJournal() {
            @Override
            public CompletableFuture<Void> record(JournalEntry.Message message) {
                return journaled(message);
            }

            @Override
            public void record(JournalEntry.Delivery delivery) {
                journaled.add(delivery);
                published.addAll(delivery.events());
            }

            @Override
            public CompletableFuture<Void> record(JournalEntry.Events events) {
                if (journalDown) {
                    return CompletableFuture.failedFuture(new IllegalStateException("journal down"));
                }
                published.addAll(events.events());
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletableFuture<Boolean> claim(JournalEntry.ReportClaim claim) {
                String key = claim.toString();
                return CompletableFuture.completedFuture(!claims.contains(key) && claims.add(key));
            }
        };
        function.deferred = new DeferredMessaging() {
            @Override
            public Optional<String> refusal(SipAddress recipient, int size) {
                return storeFull;
            }

            @Override
            public CompletableFuture<Void> store(CpmMessage message, SipAddress recipient, String recordId) {
                deferredFor.add(recipient);
                return CompletableFuture.completedFuture(null);
            }
        };
        function.messengers = new DeviceMessengers();
        function.messengers.register(new DeviceMessenger() {
            @Override
            public CompletionStage<DeviceAnswer> send(Origin origin, Device device, SipAddress recipient, CpmMessage message) {
                return legs.computeIfAbsent(device.bindingKey(), k -> new CompletableFuture<>());
            }

            @Override
            public CompletionStage<DeviceAnswer> notice(Device device, SipAddress from, String contentType, byte[] body) {
                throw new AssertionError("not used");
            }
        });
        function.events = new MessageEvents() {
            @Override
            public boolean on() {
                return true; // as when a durable consumer is deployed
            }
        };
        function.deliveryTimeoutMillis = 60_000;
        function.start();
    }

    @AfterEach
    void stop() {
        function.stop();
    }

    private CompletableFuture<Void> journaled(JournalEntry entry) {
        if (journalDown) {
            return CompletableFuture.failedFuture(new IllegalStateException("journal down"));
        }
        journaled.add(entry);
        published.addAll(entry.events());
        return CompletableFuture.completedFuture(null);
    }

    private void online(SipAddress user, String... keys) {
        List<Device> list = new ArrayList<>();
        for (String key : keys) {
            list.add(new Device("r-" + key, user, key, null, "sip:" + key + "@127.0.0.1:5999", null, "",
                    key.startsWith("ft") ? Set.of(CpmIcsi.FILE_TRANSFER) : Set.of(), "call", 1, "test", Instant.EPOCH,
                    Instant.MAX));
        }
        devices.put(user, list);
    }

    private SendOutcome send(CpmMessage m, SipAddress to) throws Exception {
        return send(m, to, Set.of());
    }

    private SendOutcome send(CpmMessage m, SipAddress to, Set<CpmIcsi> required) throws Exception {
        return function.send(m, to, Origin.SERVER, required).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private static DeviceAnswer ok() {
        return DeviceAnswer.accepted(200);
    }

    @Test
    void deliveredWhenTheFirstDeviceAcceptsAndEveryAnswerIsJournaled() throws Exception {
        online(BOB, "phone", "laptop");
        CompletionStage<SendOutcome> outcome = function.send(Messages.text(ALICE, "hi"), BOB, Origin.SERVER, Set.of());
        assertEquals(Set.of("phone", "laptop"), legs.keySet(), "offered to every device at once");
        legs.get("laptop").complete(DeviceAnswer.unreachable(480, "gone"));
        assertFalse(outcome.toCompletableFuture().isDone());
        legs.get("phone").complete(ok());
        assertEquals(SendOutcome.DELIVERED, outcome.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(3, journaled.size(), "the message and both device answers");
        assertTrue(journaled.get(0) instanceof JournalEntry.Message);
        assertTrue(published.stream().anyMatch(e -> e instanceof MessageEvent.Accepted));
        assertEquals(1, published.stream().filter(e -> e instanceof MessageEvent.Delivered).count());
    }

    @Test
    void anOfflineRecipientsMessageIsDeferred() throws Exception {
        assertEquals(SendOutcome.DEFERRED, send(Messages.text(ALICE, "later"), BOB));
        assertEquals(List.of(BOB), deferredFor, "handed to the Deferred Messaging Function, which writes its own event");
        assertTrue(published.stream().anyMatch(e -> e instanceof MessageEvent.Accepted));
    }

    @Test
    void whenEveryDeviceIsUnreachableTheMessageIsDeferred() throws Exception {
        online(BOB, "phone", "laptop");
        CompletionStage<SendOutcome> outcome = function.send(Messages.text(ALICE, "hi"), BOB, Origin.SERVER, Set.of());
        legs.get("phone").complete(DeviceAnswer.unreachable(408, "timeout"));
        legs.get("laptop").complete(DeviceAnswer.refused(Refusal.of(Refusal.Reason.CONTENT_NOT_ACCEPTED, "no"), 415));
        assertEquals(SendOutcome.DEFERRED, outcome.toCompletableFuture().get(5, TimeUnit.SECONDS),
                "devices that disagree on why are no verdict on the content");
        assertEquals(List.of(BOB), deferredFor);
    }

    @Test
    void noAnswerBeforeTheDeadlineDefers() throws Exception {
        function.deliveryTimeoutMillis = 50;
        online(BOB, "phone");
        assertEquals(SendOutcome.DEFERRED, send(Messages.text(ALICE, "hi"), BOB));
    }

    @Test
    void aVerdictOnTheContentSharedByEveryDeviceGoesBackToTheSender() throws Exception {
        online(BOB, "phone", "laptop");
        CompletionStage<SendOutcome> outcome = function.send(Messages.text(ALICE, "hi"), BOB, Origin.SERVER, Set.of());
        legs.get("phone").complete(DeviceAnswer.refused(Refusal.of(Refusal.Reason.TOO_LARGE, "too big"), 413));
        legs.get("laptop").complete(DeviceAnswer.refused(Refusal.of(Refusal.Reason.TOO_LARGE, "too big"), 413));
        SendOutcome o = outcome.toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(SendOutcome.Kind.REFUSED, o.kind());
        assertEquals(Refusal.Reason.TOO_LARGE, o.refusal().reason());
        assertTrue(deferredFor.isEmpty());
    }

    @Test
    void unknownUsersAndForeignDomainsAreRefusedBeforeAnythingIsRecorded() throws Exception {
        assertEquals(Refusal.Reason.NO_SUCH_USER, send(Messages.text(ALICE, "x"), SipAddress.parse("sip:zed@example.com"))
                .refusal().reason());
        assertEquals(Refusal.Reason.DOMAIN_NOT_SERVED, send(Messages.text(ALICE, "x"), SipAddress.parse("sip:bob@other.org"))
                .refusal().reason());
        assertTrue(journaled.isEmpty());
    }

    @Test
    void policyRefusalsAndDiscards() throws Exception {
        prefs.put(BOB, new UserPreferences(Set.of(ALICE), List.of(), OptionalInt.empty()));
        SendOutcome blocked = send(Messages.text(ALICE, "x"), BOB);
        assertEquals(Refusal.Reason.BLOCKED, blocked.refusal().reason());
        assertTrue(journaled.isEmpty());
        assertTrue(published.stream().anyMatch(e -> e instanceof MessageEvent.Failed), "a refusal is an event too");

        function.policies = PolicyChain.of(BlockedSenderPolicyAccess.discarding());
        online(BOB, "phone");
        assertEquals(SendOutcome.DISCARDED, send(Messages.text(ALICE, "x"), BOB));
        assertTrue(legs.isEmpty(), "a discarded message reaches no device");
        assertEquals(1, journaled.size(), "but it is recorded");
    }

    @Test
    void requiredServicesSelectDevices() throws Exception {
        online(BOB, "phone", "ft-laptop");
        CompletionStage<SendOutcome> outcome = function.send(Messages.text(ALICE, "x"), BOB, Origin.SERVER,
                Set.of(CpmIcsi.FILE_TRANSFER));
        assertEquals(Set.of("ft-laptop"), legs.keySet());
        legs.get("ft-laptop").complete(ok());
        assertEquals(SendOutcome.DELIVERED, outcome.toCompletableFuture().get(5, TimeUnit.SECONDS));
        online(CAROL, "phone");
        assertEquals(Refusal.Reason.NO_CAPABLE_DEVICE, send(Messages.text(ALICE, "x"), CAROL, Set.of(CpmIcsi.FILE_TRANSFER))
                .refusal().reason());
    }

    @Test
    void aFullStoreRefusesInsteadOfDeferring() throws Exception {
        storeFull = Optional.of("the recipient's deferred store is full (1000 messages)");
        SendOutcome o = send(Messages.text(ALICE, "x"), BOB);
        assertEquals(Refusal.Reason.RECIPIENT_UNAVAILABLE, o.refusal().reason());
        assertTrue(o.refusal().detail().contains("full"));
    }

    @Test
    void nothingIsConfirmedThatCouldNotBeRecorded() throws Exception {
        journalDown = true;
        assertEquals(Refusal.Reason.NOT_RECORDED, send(Messages.text(ALICE, "x"), BOB).refusal().reason());
        assertTrue(published.stream().noneMatch(e -> e instanceof MessageEvent.Accepted), "no event for what was not committed");
    }

    @Test
    void oneDeliveryReportPerRecipientAcrossDevices() throws Exception {
        online(ALICE, "alice-phone");
        CpmMessage report = new CpmMessage(BOB, Messages.text(BOB, "").conversationId(), Messages.text(BOB, "").contributionId(),
                null, null, "message/imdn+xml", "message/imdn+xml", new byte[] {'x'},
                new DispositionReport(ImdnMessageId.parse("orig-1"), DispositionReport.Kind.DELIVERY), Instant.EPOCH, "c");
        CompletionStage<SendOutcome> first = function.send(report, ALICE, Origin.SERVER, Set.of());
        legs.get("alice-phone").complete(ok());
        assertEquals(SendOutcome.DELIVERED, first.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals(SendOutcome.COLLAPSED, send(report, ALICE), "bob's second device's report is swallowed");
        assertEquals(1, published.stream().filter(e -> e instanceof MessageEvent.Reported).count());
        DispositionReport display = new DispositionReport(ImdnMessageId.parse("orig-1"), DispositionReport.Kind.DISPLAY);
        CpmMessage displayed = new CpmMessage(BOB, report.conversationId(), report.contributionId(), null, null,
                report.contentType(), report.userContentType(), report.body(), display, Instant.EPOCH, "c");
        assertEquals(SendOutcome.DELIVERED, send(displayed, ALICE), "the display report is a kind of its own");
    }

    @Test
    void aListIsAcceptedOnceEveryCopyIsRecordedAndRefusedOnlyWhenNoneCanTakeIt() throws Exception {
        online(BOB, "phone");
        SendOutcome o = function.sendToList(Messages.text(ALICE, "all"), List.of(BOB, CAROL,
                SipAddress.parse("sip:zed@example.com")), Origin.SERVER, Set.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(SendOutcome.ACCEPTED, o, "accepted without waiting for bob's device");
        assertEquals(List.of(CAROL), deferredFor, "carol is offline");
        SendOutcome none = function.sendToList(Messages.text(ALICE, "all"), List.of(SipAddress.parse("sip:zed@example.com")),
                Origin.SERVER, Set.of()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(Refusal.Reason.NO_RECIPIENT_AVAILABLE, none.refusal().reason());
    }
}
