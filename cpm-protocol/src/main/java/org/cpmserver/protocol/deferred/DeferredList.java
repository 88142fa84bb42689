package org.cpmserver.protocol.deferred;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.mime.ContentType;

/**
 * What waits for a user in the deferred store, as a pull-mode device is told about it (OMA CPM
 * AD §5.3.1.3.4: "notifications with message information, e.g. message size, message sender's
 * address, message sending time"): one {@link Entry} per message, oldest first, and how many wait
 * in all (a list sent over SIP holds only as many entries as fit in a pager MESSAGE).
 */
public final class DeferredList {

    /** The most entries one document may carry. */
    public static final int MAX_ENTRIES = 1000;

    /** One stored message. */
    public static final class Entry {
        private final String id;
        private final ImdnMessageId messageId;
        private final String sender;
        private final OffsetDateTime stored;
        private final long size;
        private final ContentType contentType;

        /**
         * @param id the store's identifier, what a retrieval names (see {@link #isId})
         * @param messageId the message's imdn.Message-ID, or null when it has none
         * @throws IllegalArgumentException when a field is out of its range
         */
        public Entry(String id, ImdnMessageId messageId, String sender, OffsetDateTime stored, long size,
                ContentType contentType) {
            if (!isId(id)) {
                throw new IllegalArgumentException("not a deferred message id: " + id);
            }
            if (!isUri(sender)) {
                throw new IllegalArgumentException("sender is not an absolute URI: " + sender);
            }
            if (size < 0) {
                throw new IllegalArgumentException("negative size");
            }
            this.id = id;
            this.messageId = messageId;
            this.sender = sender;
            this.stored = Objects.requireNonNull(stored, "stored");
            this.size = size;
            this.contentType = Objects.requireNonNull(contentType, "contentType");
        }

        public String id() {
            return id;
        }

        public Optional<ImdnMessageId> messageId() {
            return Optional.ofNullable(messageId);
        }

        public String sender() {
            return sender;
        }

        public OffsetDateTime stored() {
            return stored;
        }

        public long size() {
            return size;
        }

        public ContentType contentType() {
            return contentType;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && id.equals(e.id) && Objects.equals(messageId, e.messageId) && sender.equals(e.sender)
                    && stored.equals(e.stored) && size == e.size && contentType.equals(e.contentType);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, messageId, sender, stored, size, contentType);
        }
    }

    private final String user;
    private final long total;
    private final List<Entry> entries;

    /**
     * @param user the user the messages wait for
     * @param total how many wait in all; at least {@code entries.size()}
     * @throws IllegalArgumentException when the values do not fit together
     */
    public DeferredList(String user, long total, List<Entry> entries) {
        if (!isUri(user)) {
            throw new IllegalArgumentException("user is not an absolute URI: " + user);
        }
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("more than " + MAX_ENTRIES + " entries");
        }
        if (total < entries.size()) {
            throw new IllegalArgumentException("total " + total + " is less than the " + entries.size() + " entries listed");
        }
        if (entries.stream().map(Entry::id).distinct().count() != entries.size()) {
            throw new IllegalArgumentException("an id is listed twice");
        }
        this.user = user;
        this.total = total;
        this.entries = List.copyOf(entries);
    }

    public String user() {
        return user;
    }

    public long total() {
        return total;
    }

    public List<Entry> entries() {
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeferredList l && user.equals(l.user) && total == l.total && entries.equals(l.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, total, entries);
    }

    @Override
    public String toString() {
        return "DeferredList[" + user + ", " + entries.size() + " of " + total + "]";
    }

    /**
     * A store identifier: 1 to 64 characters out of letters, digits and {@code - . _ ~} (URL-safe,
     * so the same id works in the REST path).
     */
    public static boolean isId(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~')) {
                return false;
            }
        }
        return true;
    }

    /** An absolute URI without whitespace or delimiters, at most 1024 characters. */
    static boolean isUri(String uri) {
        if (uri == null || uri.length() > 1024) {
            return false;
        }
        int colon = uri.indexOf(':');
        if (colon < 1 || colon == uri.length() - 1 || !((uri.charAt(0) | 0x20) >= 'a' && (uri.charAt(0) | 0x20) <= 'z')) {
            return false;
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"') {
                return false;
            }
        }
        return true;
    }
}
