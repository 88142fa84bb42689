package org.cpmserver.protocol.imdn;

import java.security.SecureRandom;
import org.cpmserver.protocol.ProtocolException;

/**
 * The identifier of an instant message for IMDN purposes: the value of {@code imdn.Message-ID}
 * (RFC 5438) and of the {@code <message-id>} element of a notification.
 *
 * <p>RFC 5438 asks for an identifier unique to the sender with at least 32 bits of
 * randomness; the grammar is a CPIM Token. Real clients also use base64 and UUID-like forms, so
 * reading accepts any visible US-ASCII except the characters that delimit values in CPIM headers
 * and XML ({@code " < > \}), and at most {@value #MAX_LENGTH} characters; that keeps the value safe
 * to store, log and echo while staying interoperable. Comparison is exact (case-sensitive).
 */
public final class ImdnMessageId {

    public static final int MAX_LENGTH = 256;

    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private ImdnMessageId(String value) {
        this.value = value;
    }

    /**
     * Reads a Message-ID (surrounding whitespace dropped).
     *
     * @throws ProtocolException ("Bad IMDN: ...") when it is empty, too long or has other characters
     */
    public static ImdnMessageId parse(String text) {
        String v = text.strip();
        if (v.isEmpty()) {
            throw new ProtocolException(DispositionNotification.BAD_IMDN, "empty Message-ID");
        }
        if (v.length() > MAX_LENGTH) {
            throw new ProtocolException(DispositionNotification.BAD_IMDN, "Message-ID longer than " + MAX_LENGTH);
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\') {
                throw new ProtocolException(DispositionNotification.BAD_IMDN,
                        "Message-ID has a forbidden character: " + ProtocolException.quote(v));
            }
        }
        return new ImdnMessageId(v);
    }

    /** A new identifier: 20 random alphanumerics (about 119 bits), the shape RCS clients use. */
    public static ImdnMessageId random() {
        char[] c = new char[20];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new ImdnMessageId(new String(c));
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImdnMessageId other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
