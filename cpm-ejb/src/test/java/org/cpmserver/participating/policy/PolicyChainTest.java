package org.cpmserver.participating.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.cpmserver.message.Refusal;
import org.cpmserver.preferences.UserPreferences;
import org.cpmserver.protocol.sip.SipAddress;
import org.junit.jupiter.api.Test;

class PolicyChainTest {

    static final SipAddress ALICE = SipAddress.parse("sip:alice@example.com");
    static final SipAddress BOB = SipAddress.parse("sip:bob@example.com");

    static PagerContext context(String type, int size, UserPreferences prefs) {
        return new PagerContext(ALICE, BOB, type, size, prefs);
    }

    static BlockedSenderPolicy blocked(String mode) {
        BlockedSenderPolicy p = new BlockedSenderPolicy();
        p.mode = mode;
        return p;
    }

    /** A service-provider rule: nothing over 100 bytes, whatever the user prefers. */
    static final PagerPolicy PROVIDER_SIZE = new PagerPolicy() {
        @Override
        public int order() {
            return PROVIDER;
        }

        @Override
        public PolicyDecision evaluate(PagerContext m) {
            return m.bodySize() > 100 ? PolicyDecision.reject(Refusal.of(Refusal.Reason.TOO_LARGE, "provider limit 100"))
                    : PolicyDecision.ACCEPT;
        }
    };

    @Test
    void noObjectionAccepts() {
        assertSame(PolicyDecision.ACCEPT, PolicyChain.of(blocked("reject"), new RecipientContentPolicy())
                .evaluate(context("text/plain", 10, UserPreferences.NONE)));
    }

    @Test
    void aBlockedSenderIsRefusedOrDiscardedAsTheProviderChose() {
        UserPreferences blocksAlice = new UserPreferences(Set.of(ALICE), List.of(), OptionalInt.empty());
        PolicyDecision reject = PolicyChain.of(blocked("reject")).evaluate(context("text/plain", 10, blocksAlice));
        assertEquals(PolicyDecision.Kind.REJECT, reject.kind());
        assertEquals(Refusal.Reason.BLOCKED, reject.refusal().reason());
        assertEquals(PolicyDecision.Kind.DISCARD,
                PolicyChain.of(blocked("discard")).evaluate(context("text/plain", 10, blocksAlice)).kind());
    }

    @Test
    void theRecipientsContentTypesAndSizeAreApplied() {
        UserPreferences textOnly = new UserPreferences(Set.of(), List.of("text/plain"), OptionalInt.of(50));
        PolicyDecision type = PolicyChain.of(new RecipientContentPolicy()).evaluate(context("image/png", 10, textOnly));
        assertEquals(Refusal.Reason.CONTENT_NOT_ACCEPTED, type.refusal().reason());
        assertEquals(Set.of("text/plain"), type.refusal().accepted(), "a 415 can say what the recipient takes");
        assertEquals(Refusal.Reason.TOO_LARGE,
                PolicyChain.of(new RecipientContentPolicy()).evaluate(context("text/plain", 51, textOnly)).refusal().reason());
    }

    @Test
    void providerPoliciesComeBeforeTheUsersWhateverTheOrderGiven() {
        UserPreferences blocksAliceAndSmall = new UserPreferences(Set.of(ALICE), List.of(), OptionalInt.of(10));
        PolicyDecision d = PolicyChain.of(new RecipientContentPolicy(), blocked("discard"), PROVIDER_SIZE)
                .evaluate(context("text/plain", 500, blocksAliceAndSmall));
        assertEquals(PolicyDecision.Kind.REJECT, d.kind(), "the provider's refusal wins over the user's discard");
        assertEquals("provider limit 100", d.refusal().detail());
        PolicyDecision user = PolicyChain.of(new RecipientContentPolicy(), blocked("reject"), PROVIDER_SIZE)
                .evaluate(context("text/plain", 50, blocksAliceAndSmall));
        assertEquals(Refusal.Reason.BLOCKED, user.refusal().reason(), "the first user policy (blocked) before the content one");
    }
}
