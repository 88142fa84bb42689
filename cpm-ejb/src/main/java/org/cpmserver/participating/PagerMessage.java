package org.cpmserver.participating;

import java.time.Instant;
import java.util.Objects;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * A pager-mode message (RFC 3428) as the Participating Function sees it, once the SIP layer
 * authenticated the sender and validated the body.
 */
public final class PagerMessage {

    private final SipAddress sender;
    private final String contentType;
    private final String userContentType;
    private final byte[] body;
    private final String callId;
    private final String imdnMessageId;
    private final String conversationId;
    private final String contributionId;
    private final String inReplyToContributionId;
    private final Instant receivedAt;

    /**
     * @param contentType the SIP body's media type, e.g. {@code message/cpim}
     * @param userContentType what the user sees: the CPIM payload's type, or {@code contentType}
     */
    public PagerMessage(SipAddress sender, String contentType, String userContentType, byte[] body, String callId,
            String imdnMessageId, String conversationId, String contributionId, String inReplyToContributionId,
            Instant receivedAt) {
        this.sender = Objects.requireNonNull(sender);
        this.contentType = Objects.requireNonNull(contentType);
        this.userContentType = Objects.requireNonNull(userContentType);
        this.body = Objects.requireNonNull(body);
        this.callId = Objects.requireNonNull(callId);
        this.imdnMessageId = imdnMessageId;
        this.conversationId = Objects.requireNonNull(conversationId);
        this.contributionId = Objects.requireNonNull(contributionId);
        this.inReplyToContributionId = inReplyToContributionId;
        this.receivedAt = Objects.requireNonNull(receivedAt);
    }

    public SipAddress sender() {
        return sender;
    }

    public String contentType() {
        return contentType;
    }

    public String userContentType() {
        return userContentType;
    }

    public byte[] body() {
        return body;
    }

    public String callId() {
        return callId;
    }

    /** The CPIM {@code imdn.Message-ID}, or null for a body without one. */
    public String imdnMessageId() {
        return imdnMessageId;
    }

    public String conversationId() {
        return conversationId;
    }

    public String contributionId() {
        return contributionId;
    }

    public String inReplyToContributionId() {
        return inReplyToContributionId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }
}
