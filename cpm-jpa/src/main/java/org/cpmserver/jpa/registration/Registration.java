package org.cpmserver.jpa.registration;

import java.time.Instant;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Index;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import javax.persistence.UniqueConstraint;

/**
 * One registered device of a user: a binding of the address-of-record to a contact (RFC 3261
 * §10), keyed by the device's {@code +sip.instance} when it sends one (RFC 5626), else by its
 * contact URI. The feature tags of its Contact are kept as the device's capabilities.
 */
@Entity
@Table(name = "cpm_registration",
        uniqueConstraints = @UniqueConstraint(name = "uk_registration_binding", columnNames = {"aor", "binding_key"}),
        indexes = @Index(name = "ix_registration_expires", columnList = "expires_at"))
@NamedQuery(name = Registration.LIVE, query = "select r from Registration r where r.expiresAt > :now")
@NamedQuery(name = Registration.EXPIRED, query = "select r from Registration r where r.expiresAt <= :now")
public class Registration {

    public static final String LIVE = "Registration.live";
    public static final String EXPIRED = "Registration.expired";

    @Id
    @Column(name = "id", length = 36)
    private String id;

    @Column(name = "aor", length = 255, nullable = false)
    private String aor;

    @Column(name = "binding_key", length = 512, nullable = false)
    private String bindingKey;

    @Column(name = "instance_id", length = 255)
    private String instanceId;

    @Column(name = "contact_uri", length = 1024, nullable = false)
    private String contactUri;

    @Column(name = "path", length = 2048)
    private String path;

    @Column(name = "feature_tags", length = 2048)
    private String featureTags;

    @Column(name = "call_id", length = 255, nullable = false)
    private String callId;

    @Column(name = "cseq", nullable = false)
    private long cseq;

    @Column(name = "source", length = 255)
    private String source;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "expires_at", nullable = false)
    private Instant expiresAt;

    protected Registration() {
        // for JPA
    }

    public Registration(String id, String aor, String bindingKey, String instanceId, String contactUri, String path,
            String featureTags, String callId, long cseq, String source, Instant registeredAt, Instant expiresAt) {
        this.id = id;
        this.aor = aor;
        this.bindingKey = bindingKey;
        this.instanceId = instanceId;
        this.contactUri = contactUri;
        this.path = path;
        this.featureTags = featureTags;
        this.callId = callId;
        this.cseq = cseq;
        this.source = source;
        this.registeredAt = registeredAt;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String aor() {
        return aor;
    }

    public String bindingKey() {
        return bindingKey;
    }

    public String instanceId() {
        return instanceId;
    }

    public String contactUri() {
        return contactUri;
    }

    public String path() {
        return path;
    }

    public String featureTags() {
        return featureTags;
    }

    public String callId() {
        return callId;
    }

    public long cseq() {
        return cseq;
    }

    public String source() {
        return source;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
