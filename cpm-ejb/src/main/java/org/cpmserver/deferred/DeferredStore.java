package org.cpmserver.deferred;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import javax.ejb.Stateless;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.cpmserver.jpa.deferred.DeferredDelivery;
import org.cpmserver.jpa.deferred.DeferredRecord;

/** The deferred store's tables; each method is one transaction. */
@Stateless
public class DeferredStore {

    @PersistenceContext(unitName = "cpm")
    EntityManager em;

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

    /** The devices a message has been handed to. */
    public List<String> deliveredTo(String deferredId) {
        return em.createNamedQuery(DeferredDelivery.DEVICES_OF, String.class).setParameter("id", deferredId).getResultList();
    }

    public void markDelivered(String deferredId, String device, Instant when) {
        em.persist(new DeferredDelivery(UUID.randomUUID().toString(), deferredId, device, when));
        em.createQuery("update DeferredRecord d set d.firstDeliveredAt = :when where d.id = :id and d.firstDeliveredAt is null")
                .setParameter("when", when).setParameter("id", deferredId).executeUpdate();
    }

    /** Removes a message and its delivery marks. */
    public void remove(String deferredId) {
        em.createQuery("delete from DeferredDelivery d where d.deferredId = :id").setParameter("id", deferredId).executeUpdate();
        em.createQuery("delete from DeferredRecord d where d.id = :id").setParameter("id", deferredId).executeUpdate();
    }

    /** Messages past their expiry, or delivered to a first device longer ago than the linger time. */
    public List<DeferredRecord> finished(Instant now, Instant lingeredSince) {
        return em.createNamedQuery(DeferredRecord.EXPIRED, DeferredRecord.class).setParameter("now", now)
                .setParameter("lingeredSince", lingeredSince).setMaxResults(1000).getResultList();
    }
}
