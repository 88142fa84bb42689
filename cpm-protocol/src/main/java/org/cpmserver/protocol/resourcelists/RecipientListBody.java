package org.cpmserver.protocol.resourcelists;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.BodyPart;
import org.cpmserver.protocol.mime.ContentDisposition;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.Multipart;

/**
 * The body of a one-to-many MESSAGE (RFC 5365): a {@code multipart/mixed} with exactly two
 * parts, the recipient list ({@code application/resource-lists+xml} with
 * {@code Content-Disposition: recipient-list}, RFC 5363) and the message to deliver.
 *
 * <p>Which part is the list is decided by its disposition, not its position; the content type of
 * that part must then be resource-lists. Any other shape is refused: a third part, two lists, or
 * no list would leave it unclear what to deliver to whom.
 */
public final class RecipientListBody {

    private final ResourceLists recipients;
    private final BodyPart message;

    private RecipientListBody(ResourceLists recipients, BodyPart message) {
        this.recipients = recipients;
        this.message = message;
    }

    public static RecipientListBody of(ResourceLists recipients, BodyPart message) {
        return new RecipientListBody(Objects.requireNonNull(recipients), Objects.requireNonNull(message));
    }

    /**
     * Splits a MESSAGE body.
     *
     * @param contentType the MESSAGE's Content-Type (must be multipart/mixed with a boundary)
     * @param maxEntries passed to {@link ResourceListsXml#parse(byte[], int)}
     * @throws ProtocolException when the body is not a recipient list plus one message, or either
     *     part is malformed; status 403 when the list is too long
     */
    public static RecipientListBody parse(ContentType contentType, byte[] body, int maxEntries) {
        if (!contentType.is("multipart/mixed")) {
            throw new ProtocolException(ResourceListsXml.BAD_LIST, "a URI-list MESSAGE body must be multipart/mixed, not "
                    + contentType.mediaType());
        }
        List<BodyPart> parts = Multipart.parse(contentType, body).parts();
        if (parts.size() != 2) {
            throw new ProtocolException(ResourceListsXml.BAD_LIST,
                    "a URI-list MESSAGE body needs exactly two parts, found " + parts.size());
        }
        boolean firstIsList = isRecipientList(parts.get(0));
        boolean secondIsList = isRecipientList(parts.get(1));
        if (firstIsList == secondIsList) {
            throw new ProtocolException(ResourceListsXml.BAD_LIST, firstIsList
                    ? "two parts with Content-Disposition: recipient-list"
                    : "no part with Content-Disposition: recipient-list");
        }
        BodyPart list = firstIsList ? parts.get(0) : parts.get(1);
        BodyPart message = firstIsList ? parts.get(1) : parts.get(0);
        ContentType listType = list.contentType().orElseThrow(() -> new ProtocolException(ResourceListsXml.BAD_LIST,
                "the recipient-list part has no Content-Type"));
        if (!listType.is("application/resource-lists+xml")) {
            throw new ProtocolException(ResourceListsXml.BAD_LIST, "the recipient-list part is "
                    + listType.mediaType() + ", not application/resource-lists+xml");
        }
        if (message.contentType().isEmpty()) {
            throw new ProtocolException(ResourceListsXml.BAD_LIST, "the message part has no Content-Type");
        }
        return new RecipientListBody(ResourceListsXml.parse(list.body(), maxEntries), message);
    }

    public ResourceLists recipients() {
        return recipients;
    }

    /** The part to deliver (usually message/cpim), headers included. */
    public BodyPart message() {
        return message;
    }

    /** The multipart body with the list first, under {@code boundary}. */
    public Multipart toMultipart(String boundary) {
        return Multipart.of(boundary, List.of(listPart(), message));
    }

    /** The multipart body with the list first, under a random boundary. */
    public Multipart toMultipart() {
        return Multipart.withGeneratedBoundary(List.of(listPart(), message));
    }

    private BodyPart listPart() {
        return BodyPart.of(ContentType.RESOURCE_LISTS_XML, ContentDisposition.RECIPIENT_LIST,
                ResourceListsXml.write(recipients));
    }

    private static boolean isRecipientList(BodyPart part) {
        Optional<ContentDisposition> d = part.contentDisposition();
        return d.isPresent() && d.get().is("recipient-list");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecipientListBody other && recipients.equals(other.recipients) && message.equals(other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipients, message);
    }
}
