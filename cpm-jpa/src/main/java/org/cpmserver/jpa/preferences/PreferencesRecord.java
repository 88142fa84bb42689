package org.cpmserver.jpa.preferences;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** A user's messaging preferences, applied after the service provider's policies. */
@Entity
@Table(name = "cpm_user_preferences")
public class PreferencesRecord {

    @Id
    @Column(name = "aor", length = 255)
    private String aor;

    /** Addresses this user refuses messages from, one per line. */
    @Column(name = "blocked_senders", length = 16000)
    private String blockedSenders;

    /** Content types this user accepts, comma separated; empty means any the server supports. */
    @Column(name = "allowed_content_types", length = 2000)
    private String allowedContentTypes;

    /** The largest message body this user accepts, in bytes; null means the provider's limit. */
    @Column(name = "max_message_size")
    private Integer maxMessageSize;

    /** {@code PUSH} or {@code PULL}; null means push (rows written before the column existed). */
    @Column(name = "deferred_delivery", length = 8)
    private String deferredDelivery;

    protected PreferencesRecord() {
        // for JPA
    }

    public PreferencesRecord(String aor, String blockedSenders, String allowedContentTypes, Integer maxMessageSize) {
        this(aor, blockedSenders, allowedContentTypes, maxMessageSize, null);
    }

    public PreferencesRecord(String aor, String blockedSenders, String allowedContentTypes, Integer maxMessageSize,
            String deferredDelivery) {
        this.deferredDelivery = deferredDelivery;
        this.aor = aor;
        this.blockedSenders = blockedSenders;
        this.allowedContentTypes = allowedContentTypes;
        this.maxMessageSize = maxMessageSize;
    }

    public String aor() {
        return aor;
    }

    public String blockedSenders() {
        return blockedSenders;
    }

    public String allowedContentTypes() {
        return allowedContentTypes;
    }

    public Integer maxMessageSize() {
        return maxMessageSize;
    }

    public String deferredDelivery() {
        return deferredDelivery;
    }
}
