package org.cpmserver.jpa.message;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.Table;

/**
 * Every pager message the server accepted, as received. Written by the message journal in
 * batches (group commit) with plain JDBC on the signalling path's behalf; this entity defines
 * the table and serves reads. Column names are part of the journal's contract.
 */
@Entity
@Table(name = "cpm_message", indexes = @Index(name = "ix_message_imdn", columnList = "imdn_message_id"))
public class MessageRecord {

    /** The longest body kept inline; a portable VARBINARY on Derby and PostgreSQL. */
    public static final int MAX_BODY = 32000;

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "imdn_message_id", length = 255)
    private String imdnMessageId;

    @Column(name = "conversation_id", length = 255)
    private String conversationId;

    @Column(name = "contribution_id", length = 255)
    private String contributionId;

    @Column(name = "in_reply_to", length = 255)
    private String inReplyToContributionId;

    @Column(name = "sender", length = 255, nullable = false)
    private String sender;

    @Column(name = "recipient", length = 255, nullable = false)
    private String recipient;

    @Column(name = "content_type", length = 255, nullable = false)
    private String contentType;

    @Column(name = "body", length = MAX_BODY, nullable = false)
    private byte[] body;

    @Column(name = "call_id", length = 255, nullable = false)
    private String callId;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    /** Whether a delivery notification of the recipient went back to the sender (RFC 5438: one per recipient). */
    @Column(name = "delivery_reported", nullable = false)
    private boolean deliveryReported;

    /** Whether a display notification of the recipient went back to the sender. */
    @Column(name = "display_reported", nullable = false)
    private boolean displayReported;

    protected MessageRecord() {
        // for JPA
    }

    public String id() {
        return id;
    }

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

    public String sender() {
        return sender;
    }

    public String recipient() {
        return recipient;
    }

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body.clone();
    }

    public String callId() {
        return callId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public boolean deliveryReported() {
        return deliveryReported;
    }

    public boolean displayReported() {
        return displayReported;
    }
}
