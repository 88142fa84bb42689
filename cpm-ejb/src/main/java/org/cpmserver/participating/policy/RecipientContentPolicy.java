package org.cpmserver.participating.policy;

import java.util.Set;
import javax.enterprise.context.ApplicationScoped;
import org.cpmserver.message.Refusal;

/** The content types and the message size the recipient accepts. */
@ApplicationScoped
public class RecipientContentPolicy implements PagerPolicy {

    @Override
    public int order() {
        return USER + 10;
    }

    @Override
    public PolicyDecision evaluate(PagerContext m) {
        if (!m.recipientPreferences().accepts(m.contentType())) {
            return PolicyDecision.reject(new Refusal(Refusal.Reason.CONTENT_NOT_ACCEPTED,
                    "the recipient does not accept " + m.contentType(), Set.copyOf(m.recipientPreferences().allowedContentTypes())));
        }
        if (m.recipientPreferences().maxMessageSize().isPresent()
                && m.bodySize() > m.recipientPreferences().maxMessageSize().getAsInt()) {
            return PolicyDecision.reject(Refusal.of(Refusal.Reason.TOO_LARGE, "the recipient accepts at most "
                    + m.recipientPreferences().maxMessageSize().getAsInt() + " bytes"));
        }
        return PolicyDecision.ACCEPT;
    }
}
