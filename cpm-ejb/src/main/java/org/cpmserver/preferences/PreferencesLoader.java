package org.cpmserver.preferences;

import javax.ejb.Stateless;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import org.cpmserver.jpa.preferences.PreferencesRecord;
import org.cpmserver.protocol.sip.SipAddress;

/** Loads one user's preferences (a read, no transaction needed). */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class PreferencesLoader {

    @PersistenceContext(unitName = "cpm")
    EntityManager em;

    public UserPreferences load(SipAddress user) {
        return PreferencesService.fromRecord(em.find(PreferencesRecord.class, user.uri()));
    }
}
