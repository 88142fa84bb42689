package org.cpmserver.sip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.cpmserver.registrar.RegisteredDevices;
import org.eclipse.microprofile.metrics.Counter;
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
    RegisteredDevices registered;

    // resolved once: a registry lookup per message showed in the pager profile
    private Counter received;
    private Counter delivered;
    private Counter deferred;
    private Counter reportsCollapsed;
    private final Map<String, Counter> failedByReason = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        registry.register(REGISTRATIONS, (Gauge<Integer>) registered::count);
        received = registry.counter(RECEIVED);
        delivered = registry.counter(DELIVERED);
        deferred = registry.counter(DEFERRED);
        reportsCollapsed = registry.counter(REPORTS_COLLAPSED);
    }

    public void received() {
        received.inc();
    }

    public void delivered() {
        delivered.inc();
    }

    public void deferred() {
        deferred.inc();
    }

    /** {@code reason} comes from a fixed set of keys chosen by the server, never from the request. */
    public void failed(String reason) {
        failedByReason.computeIfAbsent(reason, r -> registry.counter(FAILED, new Tag("reason", r))).inc();
    }

    public void reportCollapsed() {
        reportsCollapsed.inc();
    }
}
