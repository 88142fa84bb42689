package org.cpmserver.jpa.deferred;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;

/**
 * A message waiting for its recipient (Deferred Messaging Function): stored when no device of
 * the recipient could take it, delivered when one registers, removed when delivered or expired.
 * Written by the message journal (group commit) so that the sender's 202 follows the commit.
 */
@Entity
@Table(name = "cpm_deferred", indexes = {
        @Index(name = "ix_deferred_recipient", columnList = "recipient, received_at"),
        @Index(name = "ix_deferred_usage", columnList = "recipient, body_size"),
        @Index(name = "ix_deferred_expires", columnList = "expires_at")})
@NamedQuery(name = DeferredRecord.WAITING_FOR, query = "select d from DeferredRecord d where d.recipient = :recipient"
        + " and d.expiresAt > :now order by d.receivedAt, d.sequence")
@NamedQuery(name = DeferredRecord.WAITING_FOR_DEVICE, query = "select d from DeferredRecord d where d.recipient = :recipient"
        + " and d.expiresAt > :now and not exists (select x.id from DeferredDelivery x where x.deferredId = d.id"
        + " and x.device = :device) order by d.receivedAt, d.sequence")
@NamedQuery(name = DeferredRecord.EXPIRED, query = "select d from DeferredRecord d where d.expiresAt <= :now"
        + " or d.firstDeliveredAt <= :lingeredSince")
@NamedQuery(name = DeferredRecord.COUNT_WAITING, query = "select count(d) from DeferredRecord d where d.recipient = :recipient"
        + " and d.expiresAt > :now")
@NamedQuery(name = DeferredRecord.USAGE, query = "select count(d), coalesce(sum(d.size), 0) from DeferredRecord d"
        + " where d.recipient = :recipient")
public class DeferredRecord {

    public static final String WAITING_FOR = "DeferredRecord.waitingFor";
    public static final String WAITING_FOR_DEVICE = "DeferredRecord.waitingForDevice";
    public static final String EXPIRED = "DeferredRecord.expired";
    public static final String USAGE = "DeferredRecord.usage";
    public static final String COUNT_WAITING = "DeferredRecord.countWaiting";

    @Id
    @Column(name = "id", length = 36)
    private String id;

    /** Arrival order among messages stored in the same millisecond (the journal assigns it). */
    @Column(name = "arrival_seq", nullable = false)
    private long sequence;

    @Column(name = "recipient", length = 255, nullable = false)
    private String recipient;

    @Column(name = "sender", length = 255, nullable = false)
    private String sender;

    @Column(name = "imdn_message_id", length = 255)
    private String imdnMessageId;

    @Column(name = "conversation_id", length = 255, nullable = false)
    private String conversationId;

    @Column(name = "contribution_id", length = 255, nullable = false)
    private String contributionId;

    @Column(name = "content_type", length = 255, nullable = false)
    private String contentType;

    @Column(name = "body", length = 32000, nullable = false)
    private byte[] body;

    @Column(name = "body_size", nullable = false)
    private int size;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    /** When a first device got it; the message stays a while longer for the user's other devices. */
    @Column(name = "first_delivered_at")
    private Instant firstDeliveredAt;

    protected DeferredRecord() {
        // for JPA
    }

    /**
     * A message the server itself stores for a user (a disposition notification it sends on the
     * recipient's behalf); ordinary messages are written by the message journal instead.
     */
    public DeferredRecord(String id, long sequence, String recipient, String sender, String imdnMessageId,
            String conversationId, String contributionId, String contentType, byte[] body, Instant receivedAt,
            Instant expiresAt) {
        this.id = id;
        this.sequence = sequence;
        this.recipient = recipient;
        this.sender = sender;
        this.imdnMessageId = imdnMessageId;
        this.conversationId = conversationId;
        this.contributionId = contributionId;
        this.contentType = contentType;
        this.body = body.clone();
        this.size = body.length;
        this.receivedAt = receivedAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public long sequence() {
        return sequence;
    }

    public String recipient() {
        return recipient;
    }

    public String sender() {
        return sender;
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

    public String contentType() {
        return contentType;
    }

    public byte[] body() {
        return body.clone();
    }

    public int size() {
        return size;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant firstDeliveredAt() {
        return firstDeliveredAt;
    }
}
