package org.cpmserver.deferred;

import java.util.logging.Level;
import java.util.logging.Logger;
import javax.ejb.ActivationConfigProperty;
import javax.ejb.MessageDriven;
import javax.ejb.TransactionAttribute;
import javax.ejb.TransactionAttributeType;
import javax.inject.Inject;
import javax.jms.JMSException;
import javax.jms.Message;
import javax.jms.MessageListener;

/**
 * Takes push requests off the {@code cpm.deferred.push} queue (activation spec in server.xml).
 * No transaction spans a push: each delivery is recorded as it happens, so a crash mid-way
 * resumes after the last message a device confirmed.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "javax.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DeferredPushListener implements MessageListener {

    private static final Logger LOG = Logger.getLogger(DeferredPushListener.class.getName());

    @Inject
    DeferredMessaging deferred;

    @Override
    public void onMessage(Message message) {
        try {
            deferred.push(message);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "deferred push failed", e);
        }
    }
}
