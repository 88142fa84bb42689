package org.cpmserver.deferred;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.ejb.Stateless;
import javax.inject.Inject;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.cpmserver.events.MessageEvent;
import org.cpmserver.events.MessageEvents;
import org.cpmserver.jpa.deferred.DeferredDelivery;
import org.cpmserver.jpa.deferred.DeferredRecord;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.cpm.ContributionId;
import org.cpmserver.protocol.cpm.ConversationId;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.schema.RecordIds;

/** The deferred store's tables; each method is one transaction. */
@Stateless
public class DeferredStore {

    /** Arrival order of the messages the server stores itself (notifications); see JournalWriter. */
    private static final AtomicLong ARRIVAL = new AtomicLong(System.currentTimeMillis() * 1000);

    @PersistenceContext(unitName = "cpm")
    EntityManager em;

    @Inject
    MessageEvents events;

    /** How many messages and bytes wait for a recipient. */
    public long[] usage(String recipient) {
        Object[] row = (Object[]) em.createNamedQuery(DeferredRecord.USAGE).setParameter("recipient", recipient).getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    /** What waits for a recipient, oldest first. */
    public List<DeferredRecord> waitingFor(String recipient, Instant now) {
        return em.createNamedQuery(DeferredRecord.WAITING_FOR, DeferredRecord.class)
                .setParameter("recipient", recipient).setParameter("now", now).getResultList();
    }

    /**
     * What waits for a recipient and one device has not had yet, oldest first: one query, however
     * many wait (a device that was away for a while may have thousands).
     */
    public List<DeferredRecord> waitingFor(String recipient, String device, Instant now) {
        return em.createNamedQuery(DeferredRecord.WAITING_FOR_DEVICE, DeferredRecord.class)
                .setParameter("recipient", recipient).setParameter("device", device).setParameter("now", now)
                .getResultList();
    }

    /** One page of what waits for a recipient, oldest first. */
    public List<DeferredRecord> waitingFor(String recipient, Instant now, int offset, int limit) {
        return em.createNamedQuery(DeferredRecord.WAITING_FOR, DeferredRecord.class)
                .setParameter("recipient", recipient).setParameter("now", now)
                .setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    /** How many messages wait for a recipient. */
    public long countWaiting(String recipient, Instant now) {
        return em.createNamedQuery(DeferredRecord.COUNT_WAITING, Long.class)
                .setParameter("recipient", recipient).setParameter("now", now).getSingleResult();
    }

    /** A message waiting for this recipient (never another user's, never an expired one). */
    public Optional<DeferredRecord> find(String recipient, String deferredId, Instant now) {
        DeferredRecord r = em.find(DeferredRecord.class, deferredId);
        return r != null && r.recipient().equals(recipient) && r.expiresAt().isAfter(now) ? Optional.of(r) : Optional.empty();
    }

    /**
     * Records that a device got a message. A message removed meanwhile (retrieved over REST or by
     * another device, expired) is left alone: no delivery row may outlive its message. The
     * {@code delivered} events are written in the same transaction.
     */
    public void markDelivered(String deferredId, String device, Instant when, List<MessageEvent> delivered) {
        // the update locks the message's row, so a concurrent removal either precedes it (nothing
        // updated, nothing recorded) or waits for this transaction and then removes the mark too
        int found = em.createQuery("update DeferredRecord d set d.firstDeliveredAt = coalesce(d.firstDeliveredAt, :when)"
                + " where d.id = :id").setParameter("when", when).setParameter("id", deferredId).executeUpdate();
        if (found > 0) {
            em.persist(new DeferredDelivery(RecordIds.next(), deferredId, device, when));
            events.append(delivered);
        }
    }

    /** Removes a message and its delivery marks. */
    public void remove(String deferredId) {
        em.createQuery("delete from DeferredDelivery d where d.deferredId = :id").setParameter("id", deferredId).executeUpdate();
        em.createQuery("delete from DeferredRecord d where d.id = :id").setParameter("id", deferredId).executeUpdate();
    }

    /** Removes every message waiting for a recipient, with their delivery marks; how many there were. */
    public int removeAllFor(String recipient) {
        em.createQuery("delete from DeferredDelivery d where d.deferredId in"
                + " (select r.id from DeferredRecord r where r.recipient = :recipient)").setParameter("recipient", recipient)
                .executeUpdate();
        return em.createQuery("delete from DeferredRecord r where r.recipient = :recipient").setParameter("recipient", recipient)
                .executeUpdate();
    }

    /** Removes a message of this recipient; false when it has none by that id. */
    public boolean remove(String recipient, String deferredId) {
        DeferredRecord r = em.find(DeferredRecord.class, deferredId);
        if (r == null || !r.recipient().equals(recipient)) {
            return false;
        }
        remove(deferredId);
        return true;
    }

    /**
     * Stores a message the server writes itself (a notification), in arrival order after
     * everything stored before it.
     */
    public DeferredRecord add(DeferredNotifications.Notification n, Instant expiresAt) {
        CpmMessage m = n.message();
        DeferredRecord r = new DeferredRecord(RecordIds.next(), ARRIVAL.incrementAndGet(), n.to().uri(),
                m.sender().uri(), m.imdn().map(ImdnMessageId::value).orElse(null), m.conversationId().value(),
                m.contributionId().value(), m.contentType(), m.body(), m.receivedAt(), expiresAt);
        em.persist(r);
        return r;
    }

    /**
     * The message a row keeps, with its original identities. Rows written before identities were
     * checked on arrival may hold one that is no longer accepted; such a row still delivers, under
     * a fresh identity, rather than never.
     */
    static StoredMessage stored(DeferredRecord r) {
        CpmMessage message = new CpmMessage(SipAddress.parse(r.sender()), identity(r, ConversationId::parse, ConversationId::random,
                r.conversationId()), identity(r, ContributionId::parse, ContributionId::random, r.contributionId()), null,
                r.imdnMessageId() == null ? null : identity(r, ImdnMessageId::parse, () -> null, r.imdnMessageId()),
                r.contentType(), r.contentType(), r.body(), null, r.receivedAt(), "deferred:" + r.id());
        return new StoredMessage(r.id(), SipAddress.parse(r.recipient()), message, r.expiresAt());
    }

    private static <T> T identity(DeferredRecord r, java.util.function.Function<String, T> parse,
            java.util.function.Supplier<T> fresh, String value) {
        try {
            return parse.apply(value);
        } catch (ProtocolException e) {
            java.util.logging.Logger.getLogger(DeferredStore.class.getName()).warning("deferred " + r.id() + ": " + e.reason());
            return fresh.get();
        }
    }

    /**
     * Removes a message whose time ran out before any device got it and, in the same transaction,
     * stores the notification of its failure for its sender (when there is one) and writes its
     * {@code expired} event: all happen or none does. False, and nothing done, when the message
     * is no longer such a one (delivered, removed or expired by another node meanwhile).
     */
    public boolean expire(String deferredId, Instant now, Optional<DeferredNotifications.Notification> failed,
            Instant notificationExpiresAt, List<MessageEvent> expired) {
        int gone = em.createQuery("delete from DeferredRecord d where d.id = :id and d.firstDeliveredAt is null"
                + " and d.expiresAt <= :now").setParameter("id", deferredId).setParameter("now", now).executeUpdate();
        if (gone == 0) {
            return false;
        }
        failed.ifPresent(n -> add(n, notificationExpiresAt));
        events.append(expired);
        return true;
    }

    /** Messages past their expiry, or delivered to a first device longer ago than the linger time. */
    public List<DeferredRecord> finished(Instant now, Instant lingeredSince) {
        return em.createNamedQuery(DeferredRecord.EXPIRED, DeferredRecord.class).setParameter("now", now)
                .setParameter("lingeredSince", lingeredSince).setMaxResults(1000).getResultList();
    }
}
