package org.cpmserver.participating.policy;

import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.cpmserver.message.Refusal;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The recipient's blocked senders. The provider decides what the blocked sender learns
 * ({@code cpm.policy.blocked-sender}): {@code reject} refuses it (SIP 403), {@code discard} answers as if
 * delivered so the sender cannot tell it is blocked.
 */
@ApplicationScoped
public class BlockedSenderPolicy implements PagerPolicy {

    @Inject
    @ConfigProperty(name = "cpm.policy.blocked-sender", defaultValue = "reject")
    String mode;

    @Override
    public int order() {
        return USER;
    }

    @Override
    public PolicyDecision evaluate(PagerContext m) {
        if (!m.recipientPreferences().blocks(m.sender())) {
            return PolicyDecision.ACCEPT;
        }
        return "discard".equalsIgnoreCase(mode)
                ? PolicyDecision.discard(m.recipient() + " blocks " + m.sender())
                : PolicyDecision.reject(Refusal.of(Refusal.Reason.BLOCKED, "the recipient does not accept messages from you"));
    }
}
