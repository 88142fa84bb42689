package org.cpmserver.registrar;


import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;
import org.cpmserver.jpa.registration.Registration;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.testing.MutableClock;
import org.cpmserver.testing.SynchronousEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The registrar announces each registration that starts and each that ends, once, with how it ended. */
class RegistrarEventsTest {

    static final SipAddress ALICE = SipAddress.parse("sip:alice@example.com");

    final List<String> events = new ArrayList<>();
    Registrar registrar;
    final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    long cseq;

    @BeforeEach
    void registrar() {
        registrar = new Registrar();
        registrar.minExpires = 60;
        registrar.maxExpires = 7200;
        registrar.defaultExpires = 3600;
        registrar.clock = clock;
        registrar.devices = new RegisteredDevices();
        registrar.devices.clock = clock;
        registrar.store = new RegistrationStore() {
            @Override
            public List<Registration> live(Instant at) {
                return List.of();
            }

            @Override
            public void replace(Collection<String> removedIds, Collection<Registration> added) {
            }

            @Override
            public int deleteExpired(Instant at) {
                return 0;
            }
        };
        registrar.registered = new SynchronousEvent<>(e -> events.add("registered " + e.device().bindingKey()),
                "registrations are announced synchronously");
        registrar.deregistered = new SynchronousEvent<>(e -> events.add(e.why() + " " + e.device().bindingKey()),
                "registrations are announced synchronously");
        registrar.start();
    }

    private void register(String contact, int expires) throws RegistrationRefused {
        registrar.update(new BindingUpdate(ALICE, List.of(new BindingUpdate.ContactBinding(contact, OptionalInt.of(expires),
                null, "")), false, OptionalInt.empty(), "call-1", ++cseq, null, "127.0.0.1"));
    }

    @Test
    void aRefreshIsNeitherAStartNorAnEndAndExpiresZeroIsAnEnd() throws Exception {
        register("sip:alice@127.0.0.1:5070", 600);
        register("sip:alice@127.0.0.1:5070", 600);
        register("sip:alice@127.0.0.1:5070", 0);
        assertEquals(List.of("registered sip:alice@127.0.0.1:5070", "UNREGISTERED sip:alice@127.0.0.1:5070"), events);
    }

    @Test
    void aBindingThatRunsOutEndsAsExpiredAndARemovedUsersAsUserRemoved() throws Exception {
        register("sip:alice@127.0.0.1:5070", 60);
        register("sip:alice@127.0.0.1:5071", 600);
        clock.advance(Duration.ofSeconds(61));
        registrar.expire();
        registrar.forget(ALICE);
        assertEquals(List.of("registered sip:alice@127.0.0.1:5070", "registered sip:alice@127.0.0.1:5071",
                "EXPIRED sip:alice@127.0.0.1:5070", "USER_REMOVED sip:alice@127.0.0.1:5071"), events);
    }
}
