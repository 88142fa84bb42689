package org.cpmserver.sip;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Gauge;
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
    private static final Metadata SESSIONS = Metadata.builder().withName("cpm_sip_application_sessions")
            .withDescription("SIP application sessions alive in this node; growing under a steady load means a leak")
            .withType(MetricType.GAUGE).build();

    @Inject
    @RegistryType(type = MetricRegistry.Type.APPLICATION)
    MetricRegistry registry;

    // resolved once per series: a registry lookup per request showed in the pager profile
    private final Map<String, Counter> byMethod = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> byStatus = new ConcurrentHashMap<>();

    @PostConstruct
    void register() {
        registry.register(SESSIONS, (Gauge<Long>) ApplicationSessions::live);
    }

    /** {@code method} is a known method name or "other", never attacker-chosen text. */
    public void received(String method) {
        byMethod.computeIfAbsent(method, m -> registry.counter(REQUESTS, new Tag("method", m))).inc();
    }

    public void rejected(int status) {
        byStatus.computeIfAbsent(status, s -> registry.counter(REJECTED, new Tag("status", Integer.toString(s)))).inc();
    }

    public void handlerFailed() {
        registry.counter(FAILURES).inc();
    }
}
