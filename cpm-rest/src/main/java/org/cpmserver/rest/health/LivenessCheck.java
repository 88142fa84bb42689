package org.cpmserver.rest.health;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import javax.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * {@code /health/live}: the process can still do work. It goes DOWN when the heap is nearly
 * exhausted after collection, the state in which a restart is the only cure.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    static final double MAX_HEAP_USE_AFTER_GC = 0.95;

    @Override
    public HealthCheckResponse call() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        double used = (double) heap.getUsed() / max;
        boolean up = used < MAX_HEAP_USE_AFTER_GC || usedAfterCollection(max) < MAX_HEAP_USE_AFTER_GC;
        return HealthCheckResponse.named("jvm")
                .status(up)
                .withData("heapUsedBytes", heap.getUsed())
                .withData("heapMaxBytes", max)
                .withData("uptimeMs", ManagementFactory.getRuntimeMXBean().getUptime())
                .build();
    }

    private static double usedAfterCollection(long max) {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP && pool.getCollectionUsage() != null)
                .mapToLong(pool -> pool.getCollectionUsage().getUsed())
                .sum() / (double) max;
    }
}
