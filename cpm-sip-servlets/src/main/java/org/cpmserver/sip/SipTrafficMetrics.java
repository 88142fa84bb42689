package org.cpmserver.sip;

import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricType;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryType;

/** Operator-facing SIP counters, exported at {@code /metrics} as {@code application_cpm_sip_*}. */
@ApplicationScoped
public class SipTrafficMetrics {

    private static final Metadata REQUESTS = Metadata.builder().withName("cpm_sip_requests_total")
            .withDescription("Initial SIP requests received, by method").withType(MetricType.COUNTER).build();
    private static final Metadata REJECTED = Metadata.builder().withName("cpm_sip_rejected_total")
            .withDescription("Initial SIP requests refused by the dispatcher, by status").withType(MetricType.COUNTER).build();
    private static final Metadata FAILURES = Metadata.builder().withName("cpm_sip_handler_failures_total")
            .withDescription("Requests whose handler failed and that were answered 500").withType(MetricType.COUNTER).build();

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry registry;

    public void received(String method) {
        registry.counter(REQUESTS, new Tag("method", method)).inc();
    }

    public void rejected(int status) {
        registry.counter(REJECTED, new Tag("status", Integer.toString(status))).inc();
    }

    public void handlerFailed() {
        registry.counter(FAILURES).inc();
    }
}
