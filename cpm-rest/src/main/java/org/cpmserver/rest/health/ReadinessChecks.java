package org.cpmserver.rest.health;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;
import javax.inject.Inject;
import org.cpmserver.health.ComponentProbes;
import org.cpmserver.health.WarmUp;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * {@code /health/ready}: UP only when the SIP listeners, the database and the broker all answer, the
 * schema is migrated and the signalling path has warmed up.
 */
@ApplicationScoped
public class ReadinessChecks {

    @Inject
    ComponentProbes probes;

    @Inject
    WarmUp warmUp;

    @Produces
    @Readiness
    HealthCheck sipListeners() {
        return () -> toResponse("sip-listeners", probes.sipListeners());
    }

    @Produces
    @Readiness
    HealthCheck database() {
        return () -> toResponse("database", probes.database());
    }

    @Produces
    @Readiness
    HealthCheck schema() {
        return () -> toResponse("schema", probes.schema());
    }

    @Produces
    @Readiness
    HealthCheck broker() {
        return () -> toResponse("broker", probes.broker());
    }

    @Produces
    @Readiness
    HealthCheck warmUp() {
        return () -> toResponse("warm-up", warmUp.outcome());
    }

    static HealthCheckResponse toResponse(String name, ComponentProbes.Outcome outcome) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(outcome.up());
        outcome.data().forEach(builder::withData);
        return builder.build();
    }
}
