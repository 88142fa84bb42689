package org.cpmserver.protocol.resourcelists;

import java.util.Locale;
import java.util.Optional;

/**
 * The role of a recipient in a URI list (RFC 5364, attribute {@code cp:copyControl}): a primary
 * recipient, a carbon copy, or a blind carbon copy that other recipients must not learn about.
 * An entry without the attribute is a primary recipient ({@link #TO}).
 */
public enum CopyControl {
    TO("to"),
    CC("cc"),
    BCC("bcc");

    private final String value;

    CopyControl(String value) {
        this.value = value;
    }

    /** The attribute value. */
    public String value() {
        return value;
    }

    /** The role named by an attribute value; case is ignored for interoperability. */
    public static Optional<CopyControl> fromValue(String attribute) {
        String v = attribute.strip().toLowerCase(Locale.ROOT);
        for (CopyControl c : values()) {
            if (c.value.equals(v)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
