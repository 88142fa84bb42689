package org.cpmserver.participating.policy;

import java.util.Objects;
import org.cpmserver.preferences.UserPreferences;
import org.cpmserver.protocol.sip.SipAddress;

/** What policies see of one message to one recipient. */
public final class PagerContext {

    private final SipAddress sender;
    private final SipAddress recipient;
    private final String contentType;
    private final int bodySize;
    private final UserPreferences recipientPreferences;

    /**
     * @param contentType the media type of the content the user sees ({@code type/subtype}): the
     *     CPIM payload's for a {@code message/cpim} body
     */
    public PagerContext(SipAddress sender, SipAddress recipient, String contentType, int bodySize,
            UserPreferences recipientPreferences) {
        this.sender = Objects.requireNonNull(sender);
        this.recipient = Objects.requireNonNull(recipient);
        this.contentType = Objects.requireNonNull(contentType);
        this.bodySize = bodySize;
        this.recipientPreferences = Objects.requireNonNull(recipientPreferences);
    }

    public SipAddress sender() {
        return sender;
    }

    public SipAddress recipient() {
        return recipient;
    }

    public String contentType() {
        return contentType;
    }

    public int bodySize() {
        return bodySize;
    }

    public UserPreferences recipientPreferences() {
        return recipientPreferences;
    }
}
