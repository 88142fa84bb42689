package org.cpmserver.jpa.subscriber;

import java.time.Instant;
import java.util.Objects;
import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.NamedQuery;
import javax.persistence.Table;
import javax.persistence.Version;

/**
 * A provisioned CPM user, keyed by its public address-of-record ({@code sip:alice@example.com}).
 * Credentials are never stored in clear: only the digest HA1 values for the served realm
 * (RFC 3261 MD5 and RFC 8760 SHA-256).
 */
@Entity
@Table(name = "cpm_subscriber")
@NamedQuery(name = Subscriber.LIST, query = "select s from Subscriber s order by s.uri")
@NamedQuery(name = Subscriber.COUNT, query = "select count(s) from Subscriber s")
public class Subscriber {

    public static final String LIST = "Subscriber.list";
    public static final String COUNT = "Subscriber.count";

    @Id
    @Column(name = "uri", length = 255, nullable = false)
    private String uri;

    @Column(name = "display_name", length = 255)
    private String displayName;

    @Column(name = "realm", length = 255, nullable = false)
    private String realm;

    @Column(name = "ha1_md5", length = 32, nullable = false)
    private String ha1Md5;

    @Column(name = "ha1_sha256", length = 64, nullable = false)
    private String ha1Sha256;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Version
    @Column(name = "row_version", nullable = false)
    private long rowVersion;

    protected Subscriber() {
        // for JPA
    }

    public Subscriber(String uri, String displayName, String realm, String ha1Md5, String ha1Sha256, Instant createdAt) {
        this.uri = Objects.requireNonNull(uri, "uri");
        this.displayName = displayName;
        this.realm = Objects.requireNonNull(realm, "realm");
        this.ha1Md5 = Objects.requireNonNull(ha1Md5, "ha1Md5");
        this.ha1Sha256 = Objects.requireNonNull(ha1Sha256, "ha1Sha256");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public String uri() {
        return uri;
    }

    public String displayName() {
        return displayName;
    }

    public String realm() {
        return realm;
    }

    public String ha1Md5() {
        return ha1Md5;
    }

    public String ha1Sha256() {
        return ha1Sha256;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
