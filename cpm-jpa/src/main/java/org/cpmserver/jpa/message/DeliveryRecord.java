package org.cpmserver.jpa.message;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/**
 * The outcome of one message on one device of its recipient (the SIP status the device answered,
 * or a timeout). Written by the message journal; one row per (message, device) attempt.
 */
@Entity
@Table(name = "cpm_message_delivery")
public class DeliveryRecord {

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "message_id", length = 36, nullable = false)
    private String messageId;

    @Column(name = "device", length = 512, nullable = false)
    private String device;

    @Column(name = "status", nullable = false)
    private int status;

    @Column(name = "reason", length = 255)
    private String reason;

    @Column(name = "answered_at", nullable = false)
    private Instant answeredAt;

    protected DeliveryRecord() {
        // for JPA
    }

    public String messageId() {
        return messageId;
    }

    public String device() {
        return device;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Instant answeredAt() {
        return answeredAt;
    }
}
