package org.cpmserver.protocol.resourcelists;

import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.mime.XmlWriter;

/**
 * An {@code <entry>} of a resource list (RFC 4826 §3.2): a URI with an optional display name,
 * plus the copy-control attributes of RFC 5364 (role and anonymity).
 */
public final class Entry implements ListMember {

    private final String uri;
    private final String displayName;
    private final CopyControl copyControl;
    private final boolean anonymize;

    private Entry(String uri, String displayName, CopyControl copyControl, boolean anonymize) {
        this.uri = uri;
        this.displayName = displayName;
        this.copyControl = copyControl;
        this.anonymize = anonymize;
    }

    /** A primary ("to") recipient. */
    public static Entry of(String uri) {
        return of(uri, null, CopyControl.TO, false);
    }

    /**
     * @throws IllegalArgumentException when {@code uri} is not an absolute URI without whitespace or
     *     the display name has characters XML cannot carry
     */
    public static Entry of(String uri, String displayName, CopyControl copyControl, boolean anonymize) {
        if (!RecipientKey.isUri(uri)) {
            throw new IllegalArgumentException("not an absolute URI: " + uri);
        }
        if (displayName != null && !XmlWriter.isXmlText(displayName)) {
            throw new IllegalArgumentException("display name has characters XML cannot carry");
        }
        return new Entry(uri, displayName == null || displayName.isBlank() ? null : displayName.strip(),
                Objects.requireNonNull(copyControl), anonymize);
    }

    public String uri() {
        return uri;
    }

    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    public CopyControl copyControl() {
        return copyControl;
    }

    /** Whether the sender asked that other recipients not learn this recipient's identity. */
    public boolean anonymize() {
        return anonymize;
    }

    public Entry withCopyControl(CopyControl role) {
        return new Entry(uri, displayName, Objects.requireNonNull(role), anonymize);
    }

    public Entry withAnonymize(boolean value) {
        return new Entry(uri, displayName, copyControl, value);
    }

    /** The key by which two entries denote the same recipient (see {@link RecipientKey}). */
    public String recipientKey() {
        return RecipientKey.of(uri);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry other && uri.equals(other.uri) && Objects.equals(displayName, other.displayName)
                && copyControl == other.copyControl && anonymize == other.anonymize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, displayName, copyControl, anonymize);
    }

    @Override
    public String toString() {
        return "Entry[" + uri + ", " + copyControl.value() + (anonymize ? ", anonymize" : "") + "]";
    }
}
