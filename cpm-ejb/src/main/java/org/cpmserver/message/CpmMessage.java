package org.cpmserver.message;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.cpm.ContributionId;
import org.cpmserver.protocol.cpm.ConversationId;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * One CPM message as every function sees it, whatever carried it in (a SIP MESSAGE today; the
 * REST API and the SMS and email gateways later) and wherever it goes next (devices, the journal,
 * the deferred store, notifications). The one envelope: no layer keeps a copy of these fields of
 * its own.
 *
 * @param sender the authenticated sender
 * @param conversationId the conversation (thread) it belongs to
 * @param contributionId this message inside the conversation
 * @param inReplyTo the contribution it answers, if any
 * @param imdnMessageId the CPIM {@code imdn.Message-ID}, if the body carries one
 * @param contentType the body's media type as sent, e.g. {@code message/cpim}
 * @param userContentType what the user sees: the CPIM payload's type, or {@code contentType}
 * @param body the body as delivered to devices (decoded from any Content-Encoding)
 * @param report the disposition notification this message carries, if it is one
 * @param receivedAt when the server accepted it
 * @param originReference how the origin knows it (the SIP Call-ID), for tracing only
 */
public record CpmMessage(SipAddress sender, ConversationId conversationId, ContributionId contributionId,
        ContributionId inReplyTo, ImdnMessageId imdnMessageId, String contentType, String userContentType, byte[] body,
        DispositionReport report, Instant receivedAt, String originReference) {

    public CpmMessage {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(contributionId, "contributionId");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(userContentType, "userContentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(originReference, "originReference");
    }

    public Optional<ContributionId> inReplyToContribution() {
        return Optional.ofNullable(inReplyTo);
    }

    public Optional<ImdnMessageId> imdn() {
        return Optional.ofNullable(imdnMessageId);
    }

    public Optional<DispositionReport> dispositionReport() {
        return Optional.ofNullable(report);
    }

    /** The size policies and store limits count. */
    public int size() {
        return body.length;
    }

    /** The same message from another sender (the server reporting on a recipient's behalf). */
    public CpmMessage withSender(SipAddress other) {
        return new CpmMessage(other, conversationId, contributionId, inReplyTo, imdnMessageId, contentType, userContentType,
                body, report, receivedAt, originReference);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpmMessage m && sender.equals(m.sender) && conversationId.equals(m.conversationId)
                && contributionId.equals(m.contributionId) && Objects.equals(imdnMessageId, m.imdnMessageId)
                && contentType.equals(m.contentType) && java.util.Arrays.equals(body, m.body)
                && receivedAt.equals(m.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sender, conversationId, contributionId, imdnMessageId, receivedAt);
    }

    @Override
    public String toString() {
        return "CpmMessage[" + sender + ", " + conversationId + "/" + contributionId + ", " + contentType + ", "
                + body.length + " bytes]";
    }
}
