package org.cpmserver.deferred;

import java.time.Instant;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.Resource;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.DependsOn;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.ejb.Timeout;
import javax.ejb.TimerConfig;
import javax.ejb.TimerService;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import org.cpmserver.jpa.deferred.DeferredRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Removes stored messages whose time ran out ({@code cpm.deferred.expiry-seconds}, default 7 days)
 * and those a first device received more than {@code cpm.deferred.linger-seconds} ago (default
 * 300): until then, every other device the user registers gets them too. A message that expired
 * before any device got it is reported {@code failed} to a sender who asked for negative delivery
 * notifications ({@link DeferredMessaging#finish}).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrations") // the schema is migrated before this bean touches the database
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeferredExpiry {

    private static final Logger LOG = Logger.getLogger(DeferredExpiry.class.getName());

    @Resource
    TimerService timers;

    @Inject
    DeferredStore store;

    @Inject
    DeferredMessaging deferred;

    @Inject
    @ConfigProperty(name = "cpm.deferred.sweep-seconds", defaultValue = "60")
    long sweepSeconds;

    @Inject
    @ConfigProperty(name = "cpm.deferred.linger-seconds", defaultValue = "300")
    long lingerSeconds;

    @PostConstruct
    void schedule() {
        long interval = Math.max(1, sweepSeconds) * 1000;
        timers.createIntervalTimer(interval, interval, new TimerConfig("deferred-expiry", false));
    }

    @Timeout
    void sweep() {
        try {
            int removed = 0;
            Instant now = Instant.now();
            for (DeferredRecord finished : store.finished(now, now.minusSeconds(lingerSeconds))) {
                try {
                    deferred.finish(finished, now);
                    removed++;
                } catch (RuntimeException e) {
                    // left in place: the next sweep tries again, and the others go on now
                    LOG.warning("deferred expiry of " + finished.id() + " failed: " + e.getMessage());
                }
            }
            if (removed > 0) {
                LOG.info("deferred messaging: " + removed + " delivered or expired message(s) removed");
            }
        } catch (RuntimeException e) {
            LOG.warning("deferred expiry sweep failed: " + e.getMessage());
        }
    }
}
