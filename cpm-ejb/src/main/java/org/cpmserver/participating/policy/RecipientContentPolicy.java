package org.cpmserver.participating.policy;

import javax.enterprise.context.ApplicationScoped;

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
            return PolicyDecision.reject(415, "Unsupported Media Type: the recipient does not accept " + m.contentType());
        }
        if (m.recipientPreferences().maxMessageSize().isPresent()
                && m.bodySize() > m.recipientPreferences().maxMessageSize().getAsInt()) {
            return PolicyDecision.reject(413, "Request Entity Too Large: the recipient accepts at most "
                    + m.recipientPreferences().maxMessageSize().getAsInt() + " bytes");
        }
        return PolicyDecision.ACCEPT;
    }
}
