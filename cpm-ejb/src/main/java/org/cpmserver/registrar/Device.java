package org.cpmserver.registrar;

import java.time.Instant;
import java.util.Set;
import org.cpmserver.protocol.capability.CpmIcsi;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * A registered device of a user, as the rest of the server sees it: where to reach it, through
 * which proxies, what it can do, until when.
 */
public final class Device {

    private final String registrationId;
    private final SipAddress aor;
    private final String bindingKey;
    private final String instanceId;
    private final String contactUri;
    private final String path;
    private final String featureTags;
    private final Set<CpmIcsi> services;
    private final String callId;
    private final long cseq;
    private final String source;
    private final Instant registeredAt;
    private final Instant expiresAt;

    public Device(String registrationId, SipAddress aor, String bindingKey, String instanceId, String contactUri, String path,
            String featureTags, Set<CpmIcsi> services, String callId, long cseq, String source, Instant registeredAt,
            Instant expiresAt) {
        this.registrationId = registrationId;
        this.aor = aor;
        this.bindingKey = bindingKey;
        this.instanceId = instanceId;
        this.contactUri = contactUri;
        this.path = path;
        this.featureTags = featureTags;
        this.services = Set.copyOf(services);
        this.callId = callId;
        this.cseq = cseq;
        this.source = source;
        this.registeredAt = registeredAt;
        this.expiresAt = expiresAt;
    }

    public String registrationId() {
        return registrationId;
    }

    public SipAddress aor() {
        return aor;
    }

    /** The device's identity within its user: {@code +sip.instance} if sent, else the contact URI. */
    public String bindingKey() {
        return bindingKey;
    }

    public String instanceId() {
        return instanceId;
    }

    public String contactUri() {
        return contactUri;
    }

    /** The Path (RFC 3327) to reach it, or null when it registered directly. */
    public String path() {
        return path;
    }

    /** The feature parameters of its Contact, as sent (e.g. {@code +g.3gpp.icsi-ref="..."}). */
    public String featureTags() {
        return featureTags;
    }

    /** The CPM services it declared. */
    public Set<CpmIcsi> services() {
        return services;
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

    public boolean isLiveAt(Instant now) {
        return expiresAt.isAfter(now);
    }
}
