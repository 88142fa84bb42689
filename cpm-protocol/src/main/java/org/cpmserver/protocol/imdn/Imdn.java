package org.cpmserver.protocol.imdn;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cpmserver.protocol.mime.XmlWriter;

/**
 * An IMDN document, the {@code message/imdn+xml} body of RFC 5438: which message it is about,
 * when that message was sent, who reports, and one disposition with its status.
 *
 * <p>Immutable; the optional elements are added with the {@code with...} methods. A status is only
 * accepted with the notification type whose schema allows it: e.g. {@code stored} only in a
 * processing notification, {@code displayed} only in a display notification.
 */
public final class Imdn {

    /** The disposition being reported (the notification element). */
    public enum Type {
        DELIVERY("delivery-notification"),
        DISPLAY("display-notification"),
        PROCESSING("processing-notification");

        private final String element;

        Type(String element) {
            this.element = element;
        }

        /** The XML element name. */
        public String element() {
            return element;
        }
    }

    /** The status inside the notification (RFC 5438 schema). */
    public enum Status {
        DELIVERED("delivered", EnumSet.of(Type.DELIVERY)),
        FAILED("failed", EnumSet.of(Type.DELIVERY)),
        DISPLAYED("displayed", EnumSet.of(Type.DISPLAY)),
        PROCESSED("processed", EnumSet.of(Type.PROCESSING)),
        STORED("stored", EnumSet.of(Type.PROCESSING)),
        FORBIDDEN("forbidden", EnumSet.allOf(Type.class)),
        ERROR("error", EnumSet.allOf(Type.class));

        private final String element;
        private final Set<Type> allowedIn;

        Status(String element, Set<Type> allowedIn) {
            this.element = element;
            this.allowedIn = allowedIn;
        }

        /** The XML element name. */
        public String element() {
            return element;
        }

        public boolean allowedIn(Type type) {
            return allowedIn.contains(type);
        }
    }

    private final ImdnMessageId messageId;
    private final OffsetDateTime dateTime;
    private final Type type;
    private final Status status;
    private final String recipientUri;
    private final String originalRecipientUri;
    private final String subject;

    private Imdn(ImdnMessageId messageId, OffsetDateTime dateTime, Type type, Status status,
            String recipientUri, String originalRecipientUri, String subject) {
        this.messageId = Objects.requireNonNull(messageId, "messageId");
        this.dateTime = Objects.requireNonNull(dateTime, "dateTime");
        this.type = Objects.requireNonNull(type, "type");
        this.status = Objects.requireNonNull(status, "status");
        if (!status.allowedIn(type)) {
            throw new IllegalArgumentException("status " + status.element() + " is not allowed in a " + type.element());
        }
        this.recipientUri = recipientUri;
        this.originalRecipientUri = originalRecipientUri;
        this.subject = subject;
    }

    /**
     * A notification about message {@code messageId}, sent at {@code dateTime} (the original
     * message's DateTime).
     *
     * @throws IllegalArgumentException when {@code status} does not belong to {@code type}
     */
    public static Imdn of(Type type, Status status, ImdnMessageId messageId, OffsetDateTime dateTime) {
        return new Imdn(messageId, dateTime, type, status, null, null, null);
    }

    /** Sets {@code <recipient-uri>}: the recipient that reports. */
    public Imdn withRecipientUri(String uri) {
        return new Imdn(messageId, dateTime, type, status, checkUri(uri), originalRecipientUri, subject);
    }

    /** Sets {@code <original-recipient-uri>}: the recipient the sender addressed (imdn.Original-To). */
    public Imdn withOriginalRecipientUri(String uri) {
        return new Imdn(messageId, dateTime, type, status, recipientUri, checkUri(uri), subject);
    }

    /** Sets {@code <subject>}: the original message's subject. */
    public Imdn withSubject(String text) {
        if (text != null && !XmlWriter.isXmlText(text)) {
            throw new IllegalArgumentException("subject has characters XML cannot carry");
        }
        return new Imdn(messageId, dateTime, type, status, recipientUri, originalRecipientUri,
                text == null || text.isBlank() ? null : text.strip());
    }

    public ImdnMessageId messageId() {
        return messageId;
    }

    public OffsetDateTime dateTime() {
        return dateTime;
    }

    public Type type() {
        return type;
    }

    public Status status() {
        return status;
    }

    public Optional<String> recipientUri() {
        return Optional.ofNullable(recipientUri);
    }

    public Optional<String> originalRecipientUri() {
        return Optional.ofNullable(originalRecipientUri);
    }

    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Imdn other && messageId.equals(other.messageId) && dateTime.equals(other.dateTime)
                && type == other.type && status == other.status && Objects.equals(recipientUri, other.recipientUri)
                && Objects.equals(originalRecipientUri, other.originalRecipientUri) && Objects.equals(subject, other.subject);
    }

    @Override
    public int hashCode() {
        return Objects.hash(messageId, dateTime, type, status, recipientUri, originalRecipientUri, subject);
    }

    @Override
    public String toString() {
        return "Imdn[" + type.element() + "/" + status.element() + " for " + messageId + "]";
    }

    /** An absolute URI without whitespace (the schema's xs:anyURI, as CPM uses it). */
    static boolean isUri(String uri) {
        if (uri == null) {
            return false;
        }
        int colon = uri.indexOf(':');
        if (colon < 1 || colon == uri.length() - 1 || !Character.isLetter(uri.charAt(0)) || uri.charAt(0) > 0x7e) {
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

    private static String checkUri(String uri) {
        if (uri == null) {
            return null;
        }
        if (!isUri(uri)) {
            throw new IllegalArgumentException("not an absolute URI: " + uri);
        }
        return uri;
    }
}
