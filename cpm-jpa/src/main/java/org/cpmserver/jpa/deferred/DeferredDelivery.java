package org.cpmserver.jpa.deferred;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/**
 * A stored message handed to one device: the unique (message, device) pair is what makes
 * "each device receives each message once" hold across retries, restarts and nodes.
 */
@Entity
@Table(name = "cpm_deferred_delivery",
        uniqueConstraints = @UniqueConstraint(name = "uk_deferred_device", columnNames = {"deferred_id", "device"}))
public class DeferredDelivery {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "deferred_id", length = 36, nullable = false)
    private String deferredId;

    @Column(name = "device", length = 512, nullable = false)
    private String device;

    @Column(name = "delivered_at", nullable = false)
    private Instant deliveredAt;

    protected DeferredDelivery() {
        // for JPA
    }

    public DeferredDelivery(String id, String deferredId, String device, Instant deliveredAt) {
        this.id = id;
        this.deferredId = deferredId;
        this.device = device;
        this.deliveredAt = deliveredAt;
    }

    public String deferredId() {
        return deferredId;
    }

    public String device() {
        return device;
    }
}
