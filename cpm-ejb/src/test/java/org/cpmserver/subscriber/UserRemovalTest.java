package org.cpmserver.subscriber;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.cpmserver.preferences.PreferencesService;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.registrar.Registrar;
import org.cpmserver.testing.SynchronousEvent;
import org.junit.jupiter.api.Test;

/** Removing a user: dependants first, the user, then the event, in that order; an unknown user changes nothing. */
class UserRemovalTest {

    static final SipAddress ALICE = SipAddress.parse("sip:alice@example.com");

    final List<String> steps = new ArrayList<>();

    UserRemoval removal() {
        UserRemoval r = new UserRemoval();
        r.directory = new SubscriberDirectory() {
            @Override
            public boolean exists(SipAddress aor) {
                return aor.equals(ALICE);
            }

            @Override
            public void delete(SipAddress aor) {
                steps.add("user " + aor);
            }
        };
        r.registrar = new Registrar() {
            @Override
            public void forget(SipAddress aor) {
                steps.add("registrations " + aor);
            }
        };
        r.preferences = new PreferencesService() {
            @Override
            public void forget(SipAddress user) {
                steps.add("preferences " + user);
            }
        };
        r.removed = new SynchronousEvent<>(event -> steps.add("event " + event.user()), "removal is announced synchronously");
        return r;
    }

    @Test
    void dependantsFirstThenTheUserThenTheEvent() throws Exception {
        removal().remove(ALICE);
        assertEquals(List.of("registrations " + ALICE, "preferences " + ALICE, "user " + ALICE, "event " + ALICE), steps);
    }

    @Test
    void anUnknownUserIsNotFoundAndNothingHappens() {
        assertThrows(SubscriberException.NotFound.class, () -> removal().remove(SipAddress.parse("sip:zed@example.com")));
        assertEquals(List.of(), steps);
    }
}
