package org.cpmserver.registrar;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import javax.ejb.Stateless;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.cpmserver.jpa.registration.Registration;

/** The registrar's table: each method is one transaction. */
@Stateless
public class RegistrationStore {

    @PersistenceContext(unitName = "cpm")
    EntityManager em;

    public List<Registration> live(Instant now) {
        return em.createNamedQuery(Registration.LIVE, Registration.class).setParameter("now", now).getResultList();
    }

    /** Removes some bindings and adds others, atomically. */
    public void replace(Collection<String> removedIds, Collection<Registration> added) {
        for (String id : removedIds) {
            Registration r = em.find(Registration.class, id);
            if (r != null) {
                em.remove(r);
            }
        }
        em.flush(); // deletes first: a re-registration re-uses the (aor, binding_key) pair
        added.forEach(em::persist);
    }

    public int deleteExpired(Instant now) {
        return em.createQuery("delete from Registration r where r.expiresAt <= :now").setParameter("now", now).executeUpdate();
    }
}
