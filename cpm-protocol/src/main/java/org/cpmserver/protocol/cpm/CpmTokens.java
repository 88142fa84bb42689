package org.cpmserver.protocol.cpm;

import java.util.UUID;
import org.cpmserver.protocol.ProtocolException;

/**
 * The one syntax check of the CPM conversation identities (OMA CPM Conversation Functions, the
 * {@code Conversation-ID} and {@code Contribution-ID} headers): what clients send is a UUID or
 * another token, so reading accepts visible US-ASCII without the characters that delimit SIP and
 * CPIM header values, up to {@value #MAX_LENGTH} characters. That keeps the value safe to store,
 * log and echo into a new request.
 */
final class CpmTokens {

    static final int MAX_LENGTH = 255; // the width of the columns that keep them

    private CpmTokens() {
    }

    static String check(String header, String text) {
        if (text == null) {
            throw new ProtocolException("Bad " + header, "missing");
        }
        String v = text.strip();
        if (v.isEmpty()) {
            throw new ProtocolException("Bad " + header, "empty");
        }
        if (v.length() > MAX_LENGTH) {
            throw new ProtocolException("Bad " + header, "longer than " + MAX_LENGTH);
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '<' || c == '>' || c == '\\' || c == ',' || c == ';') {
                throw new ProtocolException("Bad " + header, "forbidden character in " + ProtocolException.quote(v));
            }
        }
        return v;
    }

    static String fresh() {
        return UUID.randomUUID().toString();
    }
}
