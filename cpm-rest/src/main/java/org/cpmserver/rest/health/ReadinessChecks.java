package org.cpmserver.rest.health;

import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.inject.Produces;
import javax.inject.Inject;
import org.cpmserver.health.ComponentProbes;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** {@code /health/ready}: UP only when the SIP listeners, the database and the broker all answer and the schema is migrated. */
@ApplicationScoped
public class ReadinessChecks {

    @Inject
    ComponentProbes probes;

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

    static HealthCheckResponse toResponse(String name, ComponentProbes.Outcome outcome) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name).status(outcome.up());
        outcome.data().forEach(builder::withData);
        return builder.build();
    }
}
