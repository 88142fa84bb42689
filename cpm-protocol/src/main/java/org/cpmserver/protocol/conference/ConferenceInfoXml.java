package org.cpmserver.protocol.conference;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javax.xml.stream.XMLStreamReader;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.conference.ConferenceInfo.Description;
import org.cpmserver.protocol.conference.ConferenceInfo.Endpoint;
import org.cpmserver.protocol.conference.ConferenceInfo.EndpointStatus;
import org.cpmserver.protocol.conference.ConferenceInfo.MediaStream;
import org.cpmserver.protocol.conference.ConferenceInfo.State;
import org.cpmserver.protocol.conference.ConferenceInfo.User;
import org.cpmserver.protocol.mime.SecureXml;
import org.cpmserver.protocol.mime.XmlWriter;

/**
 * Reads and writes {@value #CONTENT_TYPE} documents (RFC 4575) in namespace {@value #NAMESPACE}:
 *
 * <pre>{@code
 * <conference-info xmlns="urn:ietf:params:xml:ns:conference-info"
 *     entity="sip:chat-4711@conf.example.com" state="full" version="3">
 *   <conference-description>
 *     <display-text>Team</display-text>          (each child optional)
 *     <subject>Release planning</subject>
 *     <maximum-user-count>100</maximum-user-count>
 *   </conference-description>
 *   <users>
 *     <user entity="sip:alice@example.com" state="full">
 *       <display-text>Alice</display-text>
 *       <roles><entry>chairman</entry></roles>
 *       <endpoint entity="sip:alice@198.51.100.7;gr=x" state="full">
 *         <status>connected</status>
 *         <joining-method>dialed-in</joining-method>
 *         <media id="1"><type>message</type><status>sendrecv</status></media>
 *       </endpoint>
 *     </user>
 *   </users>
 * </conference-info>
 * }</pre>
 *
 * Reading checks the modelled elements and attributes (each element once, a state of
 * {@code full|partial|deleted}, defaulting to full, a version on the root, URIs as entities, an
 * endpoint status of RFC 4575 §5.6.5) and skips the rest: elements and attributes of other
 * namespaces (the format's extension point), and the RFC 4575 elements this model does not carry
 * (host-info, conference-state, sidebars, call-info, ...). The order of children is not enforced.
 * Writing puts out the modelled content only, in the order shown, with every state explicit. See
 * {@link SecureXml} for the hardening (no DOCTYPE, hence no XXE).
 */
public final class ConferenceInfoXml {

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:conference-info";
    public static final String CONTENT_TYPE = "application/conference-info+xml";

    private static final String BAD = "Bad conference-info";

    private ConferenceInfoXml() {
    }

    /** The document, UTF-8, in the layout of the class comment. */
    public static byte[] write(ConferenceInfo info) {
        XmlWriter w = new XmlWriter().start("conference-info", "xmlns", NAMESPACE, "entity", info.entity(),
                "state", info.state().xml(), "version", Long.toString(info.version()));
        info.description().ifPresent(d -> {
            w.start("conference-description");
            d.displayText().ifPresent(t -> w.textElement("display-text", t));
            d.subject().ifPresent(t -> w.textElement("subject", t));
            d.maximumUserCount().ifPresent(n -> w.textElement("maximum-user-count", Long.toString(n)));
            w.end();
        });
        if (!info.users().isEmpty()) {
            w.start("users");
            for (User u : info.users()) {
                w.start("user", "entity", u.entity(), "state", u.state().xml());
                u.displayText().ifPresent(t -> w.textElement("display-text", t));
                if (!u.roles().isEmpty()) {
                    w.start("roles");
                    u.roles().forEach(r -> w.textElement("entry", r));
                    w.end();
                }
                for (Endpoint e : u.endpoints()) {
                    w.start("endpoint", "entity", e.entity(), "state", e.state().xml());
                    e.displayText().ifPresent(t -> w.textElement("display-text", t));
                    e.status().ifPresent(s -> w.textElement("status", s.xml()));
                    e.joiningMethod().ifPresent(t -> w.textElement("joining-method", t));
                    e.disconnectionMethod().ifPresent(t -> w.textElement("disconnection-method", t));
                    for (MediaStream m : e.media()) {
                        w.start("media", "id", m.id());
                        m.type().ifPresent(t -> w.textElement("type", t));
                        m.status().ifPresent(t -> w.textElement("status", t));
                        w.end();
                    }
                    w.end();
                }
                w.end();
            }
            w.end();
        }
        return w.end().toBytes();
    }

    /**
     * @throws ProtocolException ("Bad conference-info: ...") when the body is not a valid document
     */
    public static ConferenceInfo parse(byte[] body) {
        XMLStreamReader r = SecureXml.openRoot(body, BAD);
        SecureXml.requireElement(r, NAMESPACE, "conference-info", BAD);
        String entity = SecureXml.attribute(r, null, "entity", BAD);
        State state = state(r);
        String versionText = SecureXml.attribute(r, null, "version", BAD);
        if (versionText == null) {
            throw new ProtocolException(BAD, "missing version");
        }
        long version = number(versionText, "version");
        Description description = null;
        List<User> users = null;
        while (SecureXml.nextChild(r, BAD)) {
            String name = ours(r);
            if ("conference-description".equals(name)) {
                once(description, name);
                description = description(r);
            } else if ("users".equals(name)) {
                once(users, name);
                users = users(r);
            } else {
                SecureXml.skipElement(r, BAD);
            }
        }
        SecureXml.finish(r, BAD);
        try {
            return new ConferenceInfo(entity, state, version, Optional.ofNullable(description),
                    users == null ? List.of() : users);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(BAD, e.getMessage());
        }
    }

    private static Description description(XMLStreamReader r) {
        String display = null;
        String subject = null;
        Long max = null;
        while (SecureXml.nextChild(r, BAD)) {
            String name = ours(r);
            if ("display-text".equals(name)) {
                once(display, name);
                display = SecureXml.text(r, BAD);
            } else if ("subject".equals(name)) {
                once(subject, name);
                subject = SecureXml.text(r, BAD);
            } else if ("maximum-user-count".equals(name)) {
                once(max, name);
                max = number(SecureXml.text(r, BAD), "<maximum-user-count>");
            } else {
                SecureXml.skipElement(r, BAD);
            }
        }
        try {
            return new Description(Optional.ofNullable(display), Optional.ofNullable(subject),
                    max == null ? OptionalLong.empty() : OptionalLong.of(max));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(BAD, e.getMessage());
        }
    }

    private static List<User> users(XMLStreamReader r) {
        List<User> users = new ArrayList<>();
        while (SecureXml.nextChild(r, BAD)) {
            if (!"user".equals(ours(r))) {
                SecureXml.skipElement(r, BAD);
                continue;
            }
            if (users.size() == ConferenceInfo.MAX_USERS) {
                throw new ProtocolException(BAD, "more than " + ConferenceInfo.MAX_USERS + " users");
            }
            users.add(user(r));
        }
        return users;
    }

    private static User user(XMLStreamReader r) {
        String entity = SecureXml.attribute(r, null, "entity", BAD);
        State state = state(r);
        String display = null;
        List<String> roles = null;
        List<Endpoint> endpoints = new ArrayList<>();
        while (SecureXml.nextChild(r, BAD)) {
            String name = ours(r);
            if ("display-text".equals(name)) {
                once(display, name);
                display = SecureXml.text(r, BAD);
            } else if ("roles".equals(name)) {
                once(roles, name);
                roles = new ArrayList<>();
                while (SecureXml.nextChild(r, BAD)) {
                    if (!"entry".equals(ours(r))) {
                        SecureXml.skipElement(r, BAD);
                        continue;
                    }
                    limit(roles.size(), "roles");
                    roles.add(SecureXml.text(r, BAD));
                }
            } else if ("endpoint".equals(name)) {
                limit(endpoints.size(), "endpoints");
                endpoints.add(endpoint(r));
            } else {
                SecureXml.skipElement(r, BAD);
            }
        }
        try {
            return new User(entity, state, Optional.ofNullable(display), roles == null ? List.of() : roles, endpoints);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(BAD, e.getMessage());
        }
    }

    private static Endpoint endpoint(XMLStreamReader r) {
        String entity = SecureXml.attribute(r, null, "entity", BAD);
        State state = state(r);
        String display = null;
        EndpointStatus status = null;
        String joining = null;
        String disconnection = null;
        List<MediaStream> media = new ArrayList<>();
        while (SecureXml.nextChild(r, BAD)) {
            String name = ours(r);
            if (name == null) {
                SecureXml.skipElement(r, BAD);
                continue;
            }
            switch (name) {
                case "display-text" -> {
                    once(display, name);
                    display = SecureXml.text(r, BAD);
                }
                case "status" -> {
                    once(status, name);
                    String text = SecureXml.text(r, BAD);
                    status = EndpointStatus.of(text);
                    if (status == null) {
                        throw new ProtocolException(BAD, "unknown endpoint status " + ProtocolException.quote(text));
                    }
                }
                case "joining-method" -> {
                    once(joining, name);
                    joining = SecureXml.text(r, BAD);
                }
                case "disconnection-method" -> {
                    once(disconnection, name);
                    disconnection = SecureXml.text(r, BAD);
                }
                case "media" -> {
                    limit(media.size(), "media");
                    media.add(media(r));
                }
                default -> SecureXml.skipElement(r, BAD);
            }
        }
        try {
            return new Endpoint(entity, state, Optional.ofNullable(display), Optional.ofNullable(status),
                    Optional.ofNullable(joining), Optional.ofNullable(disconnection), media);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(BAD, e.getMessage());
        }
    }

    private static MediaStream media(XMLStreamReader r) {
        String id = SecureXml.attribute(r, null, "id", BAD);
        if (id == null) {
            throw new ProtocolException(BAD, "<media> without an id");
        }
        String type = null;
        String status = null;
        while (SecureXml.nextChild(r, BAD)) {
            String name = ours(r);
            if ("type".equals(name)) {
                once(type, name);
                type = SecureXml.text(r, BAD);
            } else if ("status".equals(name)) {
                once(status, name);
                status = SecureXml.text(r, BAD);
            } else {
                SecureXml.skipElement(r, BAD);
            }
        }
        try {
            return new MediaStream(id, Optional.ofNullable(type), Optional.ofNullable(status));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(BAD, e.getMessage());
        }
    }

    /** The local name of the current element if it is in our namespace, else null. */
    private static String ours(XMLStreamReader r) {
        return NAMESPACE.equals(r.getNamespaceURI()) ? r.getLocalName() : null;
    }

    private static State state(XMLStreamReader r) {
        String text = SecureXml.attribute(r, null, "state", BAD);
        if (text == null) {
            return State.FULL;
        }
        State state = State.of(text);
        if (state == null) {
            throw new ProtocolException(BAD, "state must be full, partial or deleted, not " + ProtocolException.quote(text));
        }
        return state;
    }

    private static long number(String text, String what) {
        boolean digits = !text.isEmpty() && text.length() <= 10 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digits || Long.parseLong(text) > ConferenceInfo.MAX_UNSIGNED_INT) {
            throw new ProtocolException(BAD, what + " must be an unsigned 32-bit number, not " + ProtocolException.quote(text));
        }
        return Long.parseLong(text);
    }

    private static void once(Object seen, String element) {
        if (seen != null) {
            throw new ProtocolException(BAD, "more than one <" + element + ">");
        }
    }

    private static void limit(int count, String what) {
        if (count == ConferenceInfo.MAX_ITEMS) {
            throw new ProtocolException(BAD, "more than " + ConferenceInfo.MAX_ITEMS + " " + what);
        }
    }
}
