package org.cpmserver.subscriber;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Event;
import javax.inject.Inject;
import org.cpmserver.preferences.PreferencesService;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Registrar;

/**
 * Removes a user: its registrations and preferences first, then the user itself, then tells
 * everyone else ({@link UserRemoved}) so that what they keep for the user goes too. Dependants go
 * first, so a failure part-way leaves a user that can be removed again.
 */
@ApplicationScoped
public class UserRemoval {

    @Inject
    SubscriberDirectory directory;

    @Inject
    Registrar registrar;

    @Inject
    PreferencesService preferences;

    @Inject
    Event<UserRemoved> removed;

    /** @throws SubscriberException.NotFound when there is no such user */
    public void remove(SipAddress user) throws SubscriberException {
        if (!directory.exists(user)) {
            throw new SubscriberException.NotFound(user.uri() + " does not exist");
        }
        registrar.forget(user);
        preferences.forget(user);
        directory.delete(user);
        removed.fire(new UserRemoved(user));
    }
}
