package org.cpmserver.registrar;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * What one REGISTER asks of the registrar (RFC 3261 §10.3), independent of the SIP API that
 * carried it.
 */
public final class BindingUpdate {

    /** One Contact of the REGISTER. */
    public static final class ContactBinding {
        final String uri;
        final OptionalInt expires;
        final String instanceId;
        final String featureTags;

        /**
         * @param uri the contact URI without header parameters
         * @param expires its {@code expires} parameter, if any
         * @param instanceId its {@code +sip.instance}, if any (unquoted)
         * @param featureTags its feature parameters as text, or empty
         */
        public ContactBinding(String uri, OptionalInt expires, String instanceId, String featureTags) {
            this.uri = Objects.requireNonNull(uri);
            this.expires = Objects.requireNonNull(expires);
            this.instanceId = instanceId;
            this.featureTags = featureTags == null ? "" : featureTags;
        }
    }

    final SipAddress aor;
    final List<ContactBinding> contacts;
    final boolean wildcard;
    final OptionalInt expiresHeader;
    final String callId;
    final long cseq;
    final String path;
    final String source;

    public BindingUpdate(SipAddress aor, List<ContactBinding> contacts, boolean wildcard, OptionalInt expiresHeader,
            String callId, long cseq, String path, String source) {
        this.aor = Objects.requireNonNull(aor);
        this.contacts = List.copyOf(contacts);
        this.wildcard = wildcard;
        this.expiresHeader = Objects.requireNonNull(expiresHeader);
        this.callId = Objects.requireNonNull(callId);
        this.cseq = cseq;
        this.path = path;
        this.source = source;
    }

    /** The same update with other contacts and path (used for third-party registration). */
    public BindingUpdate withContacts(List<ContactBinding> replacement, String newPath) {
        return new BindingUpdate(aor, replacement, wildcard, expiresHeader, callId, cseq, newPath, source);
    }
}
