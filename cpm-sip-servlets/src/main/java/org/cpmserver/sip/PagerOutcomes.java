package org.cpmserver.sip;

import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.cpmserver.registrar.Registrar;
import org.eclipse.microprofile.metrics.Gauge;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricType;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/**
 * Operator counters of pager messaging (exported as {@code application_cpm_messages_*}) and the
 * number of registered devices.
 */
@ApplicationScoped
public class PagerOutcomes {

    private static final Metadata RECEIVED = Metadata.builder().withName("cpm_messages_received_total")
            .withDescription("Pager MESSAGEs received from users").withType(MetricType.COUNTER).build();
    private static final Metadata DELIVERED = Metadata.builder().withName("cpm_messages_delivered_total")
            .withDescription("Pager messages accepted by at least one device of the recipient").withType(MetricType.COUNTER).build();
    private static final Metadata FAILED = Metadata.builder().withName("cpm_messages_failed_total")
            .withDescription("Pager messages not delivered, by reason").withType(MetricType.COUNTER).build();
    private static final Metadata DEFERRED = Metadata.builder().withName("cpm_messages_deferred_total")
            .withDescription("Pager messages kept by the Deferred Messaging Function for an unavailable recipient")
            .withType(MetricType.COUNTER).build();
    private static final Metadata REPORTS_COLLAPSED = Metadata.builder().withName("cpm_imdn_collapsed_total")
            .withDescription("Disposition notifications swallowed because the recipient already reported from another device")
            .withType(MetricType.COUNTER).build();
    private static final Metadata REGISTRATIONS = Metadata.builder().withName("cpm_registrations_active")
            .withDescription("Devices registered now").withType(MetricType.GAUGE).build();

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry registry;

    @Inject
    Registrar registrar;

    @PostConstruct
    void gauges() {
        registry.register(REGISTRATIONS, (Gauge<Integer>) registrar::activeRegistrations);
    }

    public void received() {
        registry.counter(RECEIVED).inc();
    }

    public void delivered() {
        registry.counter(DELIVERED).inc();
    }

    public void deferred() {
        registry.counter(DEFERRED).inc();
    }

    public void failed(String reason) {
        registry.counter(FAILED, new Tag("reason", reason)).inc();
    }

    public void reportCollapsed() {
        registry.counter(REPORTS_COLLAPSED).inc();
    }
}
