package org.cpmserver.protocol.conference;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.cpmserver.protocol.AbsoluteUri;
import org.cpmserver.protocol.mime.XmlWriter;

/**
 * The part of an RFC 4575 conference-info document a CPM group chat uses: which conference, the
 * subject, and who takes part with what status. A focus sends it in NOTIFY bodies of the
 * conference event package (RFC 4579), a full state first ({@link State#FULL}), then partial
 * updates keyed by user and endpoint entity, ordered by {@link #version()}.
 *
 * <p>Immutable; the constructors check what a peer could get wrong (URIs, bounds, XML-safe text)
 * and throw {@link IllegalArgumentException}, which {@link ConferenceInfoXml} reports as a
 * {@link org.cpmserver.protocol.ProtocolException}.
 */
public record ConferenceInfo(String entity, State state, long version, Optional<Description> description,
        List<User> users) {

    /** The most users of one document (a CPM group chat is far smaller). */
    public static final int MAX_USERS = 1024;
    /** The most endpoints of one user, roles of one user and media of one endpoint. */
    public static final int MAX_ITEMS = 32;
    /** The longest text value. */
    public static final int MAX_TEXT = 1024;
    /** The largest xs:unsignedInt. */
    public static final long MAX_UNSIGNED_INT = 4294967295L;

    /** The {@code state} attribute: a full document, a partial update, or a deletion (RFC 4575 §5.1). */
    public enum State {
        FULL("full"), PARTIAL("partial"), DELETED("deleted");

        private final String xml;

        State(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }

        /** The state named {@code xml}, or null. */
        public static State of(String xml) {
            for (State s : values()) {
                if (s.xml.equals(xml)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** The {@code <status>} of an endpoint (RFC 4575 §5.6.5). */
    public enum EndpointStatus {
        CONNECTED("connected"), DISCONNECTED("disconnected"), ON_HOLD("on-hold"), MUTED_VIA_FOCUS("muted-via-focus"),
        PENDING("pending"), ALERTING("alerting"), DIALING_IN("dialing-in"), DIALING_OUT("dialing-out"),
        DISCONNECTING("disconnecting");

        private final String xml;

        EndpointStatus(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }

        /** The status named {@code xml}, or null. */
        public static EndpointStatus of(String xml) {
            for (EndpointStatus s : values()) {
                if (s.xml.equals(xml)) {
                    return s;
                }
            }
            return null;
        }
    }

    /** {@code <conference-description>}: display text, subject, maximum user count, each optional. */
    public record Description(Optional<String> displayText, Optional<String> subject, OptionalLong maximumUserCount) {
        public Description {
            text(displayText, "display-text");
            text(subject, "subject");
            if (maximumUserCount.isPresent() && (maximumUserCount.getAsLong() < 0 || maximumUserCount.getAsLong() > MAX_UNSIGNED_INT)) {
                throw new IllegalArgumentException("maximum-user-count out of range");
            }
        }
    }

    /** A {@code <user>}: entity (its URI), state, display text, roles and endpoints. */
    public record User(String entity, State state, Optional<String> displayText, List<String> roles,
            List<Endpoint> endpoints) {
        public User {
            uri(entity, "user entity");
            Objects.requireNonNull(state);
            text(displayText, "display-text");
            roles = List.copyOf(roles);
            endpoints = List.copyOf(endpoints);
            if (roles.size() > MAX_ITEMS || endpoints.size() > MAX_ITEMS) {
                throw new IllegalArgumentException("more than " + MAX_ITEMS + " roles or endpoints");
            }
            roles.forEach(r -> text(Optional.of(r), "role"));
        }
    }

    /**
     * An {@code <endpoint>} of a user: entity (typically the contact or GRUU of the device), state,
     * display text, status, how it joined and how it left, its media.
     */
    public record Endpoint(String entity, State state, Optional<String> displayText, Optional<EndpointStatus> status,
            Optional<String> joiningMethod, Optional<String> disconnectionMethod, List<MediaStream> media) {
        public Endpoint {
            uri(entity, "endpoint entity");
            Objects.requireNonNull(state);
            Objects.requireNonNull(status);
            text(displayText, "display-text");
            token(joiningMethod, "joining-method");
            token(disconnectionMethod, "disconnection-method");
            media = List.copyOf(media);
            if (media.size() > MAX_ITEMS) {
                throw new IllegalArgumentException("more than " + MAX_ITEMS + " media");
            }
        }
    }

    /** A {@code <media id="...">} of an endpoint: type ({@code message}, {@code audio}, ...) and direction status. */
    public record MediaStream(String id, Optional<String> type, Optional<String> status) {
        public MediaStream {
            token(Optional.of(id), "media id");
            token(type, "media type");
            if (status.isPresent() && !List.of("sendrecv", "sendonly", "recvonly", "inactive").contains(status.get())) {
                throw new IllegalArgumentException("media status must be sendrecv, sendonly, recvonly or inactive");
            }
        }
    }

    /**
     * @throws IllegalArgumentException when the values break the rules of the class comment
     */
    public ConferenceInfo {
        uri(entity, "conference entity");
        Objects.requireNonNull(state);
        Objects.requireNonNull(description);
        if (version < 0 || version > MAX_UNSIGNED_INT) {
            throw new IllegalArgumentException("version out of range");
        }
        users = List.copyOf(users);
        if (users.size() > MAX_USERS) {
            throw new IllegalArgumentException("more than " + MAX_USERS + " users");
        }
    }

    /** The user whose entity is {@code entity}, if listed. */
    public Optional<User> user(String entity) {
        return users.stream().filter(u -> u.entity().equals(entity)).findFirst();
    }

    private static void uri(String value, String what) {
        if (value == null || value.length() > MAX_TEXT || !AbsoluteUri.isValid(value)) {
            throw new IllegalArgumentException(what + " is not an absolute URI");
        }
    }

    private static void text(Optional<String> value, String what) {
        if (value.isPresent() && (value.get().isEmpty() || value.get().length() > MAX_TEXT || !XmlWriter.isXmlText(value.get())
                || !value.get().equals(value.get().strip()))) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_TEXT + " characters of XML text, trimmed");
        }
    }

    private static void token(Optional<String> value, String what) {
        if (value.isPresent() && (value.get().isEmpty() || value.get().length() > 64
                || !value.get().chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '<' && c != '&' && c != '"'))) {
            throw new IllegalArgumentException(what + " must be a word of at most 64 visible ASCII characters");
        }
    }
}
