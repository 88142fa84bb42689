package org.cpmserver.protocol.cpm;

import java.util.Objects;

/**
 * The value of a {@code Conversation-ID} header (OMA CPM): the thread a message belongs to,
 * shared by every message and session of one conversation. Compared exactly.
 */
public final class ConversationId {

    public static final String HEADER = "Conversation-ID";

    private final String value;

    private ConversationId(String value) {
        this.value = value;
    }

    /**
     * @throws org.cpmserver.protocol.ProtocolException 400 when empty, over 255 characters, or
     *     carrying a delimiter or control character
     */
    public static ConversationId parse(String text) {
        return new ConversationId(CpmTokens.check(HEADER, text));
    }

    /** A new identifier (a random UUID), for a message that arrived without one. */
    public static ConversationId random() {
        return new ConversationId(CpmTokens.fresh());
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConversationId && ((ConversationId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
