package org.cpmserver.protocol.sdp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.msrp.MsrpUri;

/**
 * An SDP session description (RFC 4566) as a CPM client offers it for an MSRP session or a file
 * transfer (RFC 4975 §8, RFC 5547):
 *
 * <pre>
 * v=0
 * o=alice 2890844526 2890844527 IN IP4 198.51.100.7
 * s=-
 * c=IN IP4 198.51.100.7
 * t=0 0
 * m=message 7394 TCP/TLS/MSRP *
 * a=accept-types:message/cpim
 * a=accept-wrapped-types:text/plain application/im-iscomposing+xml
 * a=path:msrps://198.51.100.7:7394/2s93i93idj;tcp
 * a=setup:active
 * a=sendrecv
 * </pre>
 *
 * The lines are kept as received, in order (so what is written is what was read, with CRLF line
 * ends); the typed accessors read them. Parsing is strict about structure, as a session built on a
 * misread offer fails later and obscurely:
 * <ul>
 *   <li>every line is {@code <letter>=<value>} with no space around {@code =}; CRLF or LF line ends;
 *       no empty lines, no control characters; at most {@value #MAX_LINES} lines of
 *       {@value #MAX_LINE_LENGTH} characters, {@value #MAX_BYTES} bytes, {@value #MAX_MEDIA} media;</li>
 *   <li>the order of RFC 4566 §5: {@code v o s i u e p c b (t r*)+ z k a*} then per media
 *       {@code m i c* b* k a*}; v, o, s and at least one t are required, the one-off lines occur
 *       once; every media has a c= line unless the session has one;</li>
 *   <li>the fields of v, o, c, t and m have their syntax; an MSRP media ({@code TCP/MSRP},
 *       {@code TCP/TLS/MSRP}) is {@code message} media with format {@code *};</li>
 *   <li>attributes are {@code name[:value]}; the attributes read by the typed accessors (path,
 *       accept-types, accept-wrapped-types, max-size, setup, the direction, file-selector,
 *       file-transfer-id, file-disposition, file-range) occur at most once per level and have their
 *       syntax, so the accessors never fail.</li>
 * </ul>
 * Every refusal is a {@link ProtocolException} whose reason starts with "Bad SDP".
 */
public final class SessionDescription {

    static final String BAD_SDP = "Bad SDP";

    public static final int MAX_BYTES = 16384;
    public static final int MAX_LINES = 256;
    public static final int MAX_LINE_LENGTH = 2048;
    public static final int MAX_MEDIA = 16;
    /** The most entries of a path or an accept-types list. */
    public static final int MAX_LIST = 32;

    private static final String SESSION_ORDER = "vosiuepcbtrzka";
    private static final String SESSION_ONCE = "vosiuczk";
    private static final String MEDIA_ORDER = "micbka";
    private static final String MEDIA_ONCE = "ik";
    private static final Set<String> TYPED_ONCE = Set.of("path", "accept-types", "accept-wrapped-types", "max-size",
            "setup", "file-selector", "file-transfer-id", "file-disposition", "file-range");

    /** The media direction attribute (RFC 4566 §6). */
    public enum Direction {
        SENDRECV, SENDONLY, RECVONLY, INACTIVE;

        /** The attribute name, e.g. {@code sendonly}. */
        public String attribute() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Direction of(String name) {
            for (Direction d : values()) {
                if (d.attribute().equals(name)) {
                    return d;
                }
            }
            return null;
        }
    }

    /** One line, {@code type=value}. */
    public record Line(char type, String value) {
        public Line {
            Objects.requireNonNull(value);
        }

        @Override
        public String toString() {
            return type + "=" + value;
        }
    }

    /** An {@code a=} line: {@code name} or {@code name:value} (value null for a property attribute). */
    public record Attribute(String name, String value) {
        public Attribute {
            Objects.requireNonNull(name);
        }

        static Attribute parse(String text) {
            int colon = text.indexOf(':');
            Attribute a = colon < 0 ? new Attribute(text, null) : new Attribute(text.substring(0, colon), text.substring(colon + 1));
            if (!isToken(a.name)) {
                throw fail("invalid attribute name " + ProtocolException.quote(a.name));
            }
            return a;
        }

        @Override
        public String toString() {
            return value == null ? name : name + ":" + value;
        }
    }

    /** The {@code o=} line. */
    public record Origin(String username, String sessionId, String sessionVersion, String networkType,
            String addressType, String address) {
    }

    /** A {@code c=} line. */
    public record Connection(String networkType, String addressType, String address) {
    }

    /** An RFC 5547 {@code a=file-range} value: {@code start-stop}, stop empty for {@code *} (to the end). */
    public record FileRange(long start, OptionalLong stop) {
        @Override
        public String toString() {
            return start + "-" + (stop.isPresent() ? Long.toString(stop.getAsLong()) : "*");
        }
    }

    private final List<Line> sessionLines;
    private final List<Media> media;
    private final Origin origin;
    private final List<Attribute> attributes;
    private final Direction direction;

    private SessionDescription(List<Line> lines) {
        if (lines.size() > MAX_LINES) {
            throw fail("more than " + MAX_LINES + " lines");
        }
        int firstMedia = 0;
        while (firstMedia < lines.size() && lines.get(firstMedia).type() != 'm') {
            firstMedia++;
        }
        this.sessionLines = List.copyOf(lines.subList(0, firstMedia));
        if (sessionLines.isEmpty() || sessionLines.get(0).type() != 'v') {
            throw fail("the first line must be v=");
        }
        if (sessionLines.size() < 2 || sessionLines.get(1).type() != 'o') {
            throw fail("o= must follow v=");
        }
        if (sessionLines.size() < 3 || sessionLines.get(2).type() != 's') {
            throw fail("s= must follow o=");
        }
        checkOrder(sessionLines, SESSION_ORDER, SESSION_ONCE, "session");
        if (sessionLines.stream().noneMatch(l -> l.type() == 't')) {
            throw fail("missing t=");
        }
        Origin o = null;
        boolean sessionConnection = false;
        List<Attribute> attrs = new ArrayList<>();
        for (Line l : sessionLines) {
            switch (l.type()) {
                case 'v' -> {
                    if (!l.value().equals("0")) {
                        throw fail("unsupported version " + ProtocolException.quote(l.value()));
                    }
                }
                case 'o' -> o = origin(l.value());
                case 's' -> {
                    if (l.value().isEmpty()) {
                        throw fail("empty s=");
                    }
                }
                case 'c' -> {
                    connection(l.value());
                    sessionConnection = true;
                }
                case 't' -> {
                    String[] f = l.value().split(" ", -1);
                    if (f.length != 2 || !isNumber(f[0]) || !isNumber(f[1])) {
                        throw fail("t= must be two times");
                    }
                }
                case 'a' -> attrs.add(Attribute.parse(l.value()));
                default -> {
                    // i u e p b r z k: free text, kept as it is
                }
            }
        }
        this.origin = o;
        this.attributes = List.copyOf(attrs);
        this.direction = checkAttributes(attributes);
        List<Media> ms = new ArrayList<>();
        int from = firstMedia;
        while (from < lines.size()) {
            int to = from + 1;
            while (to < lines.size() && lines.get(to).type() != 'm') {
                to++;
            }
            if (ms.size() == MAX_MEDIA) {
                throw fail("more than " + MAX_MEDIA + " media");
            }
            Media m = new Media(lines.subList(from, to), this);
            if (!sessionConnection && m.connection().isEmpty()) {
                throw fail("a media without c= in a session without c=");
            }
            ms.add(m);
            from = to;
        }
        this.media = List.copyOf(ms);
    }

    /**
     * @throws ProtocolException ("Bad SDP: ...") when {@code body} breaks a rule of the class comment
     */
    public static SessionDescription parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw fail("larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(BAD_SDP, "not UTF-8", e);
        }
        List<Line> lines = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            int lf = text.indexOf('\n', pos);
            int end = lf < 0 ? text.length() : lf;
            int next = lf < 0 ? text.length() : lf + 1;
            if (end > pos && text.charAt(end - 1) == '\r' && lf >= 0) {
                end--;
            }
            if (lines.size() == MAX_LINES) {
                throw fail("more than " + MAX_LINES + " lines");
            }
            lines.add(line(text.substring(pos, end)));
            pos = next;
        }
        return new SessionDescription(lines);
    }

    /**
     * Assembles a description from its lines (the m= lines start the media sections), with the
     * checks of {@link #parse(byte[])}.
     *
     * @throws ProtocolException when the lines break a rule of the class comment
     */
    public static SessionDescription of(List<Line> lines) {
        for (Line l : lines) {
            line(l.toString());
        }
        return new SessionDescription(lines);
    }

    private static Line line(String text) {
        if (text.isEmpty()) {
            throw fail("empty line");
        }
        if (text.length() > MAX_LINE_LENGTH) {
            throw fail("line longer than " + MAX_LINE_LENGTH + " characters");
        }
        char type = text.charAt(0);
        if (type < 'a' || type > 'z' || text.length() < 2 || text.charAt(1) != '=') {
            throw fail("line is not type=value: " + ProtocolException.quote(text));
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(++i))))) {
                throw fail("control character in a line");
            }
        }
        return new Line(type, text.substring(2));
    }

    private static void checkOrder(List<Line> lines, String order, String once, String level) {
        Set<Character> seen = new HashSet<>();
        int rank = -1;
        char previous = 0;
        for (Line l : lines) {
            char t = l.type();
            int r = order.indexOf(t);
            if (r < 0) {
                throw fail("unexpected " + t + "= line at " + level + " level");
            }
            boolean newTime = t == 't' && (previous == 't' || previous == 'r');
            if (r < rank && !newTime || t == 'r' && previous != 't' && previous != 'r') {
                throw fail(t + "= line out of order at " + level + " level");
            }
            if (once.indexOf(t) >= 0 && !seen.add(t)) {
                throw fail("more than one " + t + "= line at " + level + " level");
            }
            rank = r;
            previous = t;
        }
    }

    private static Origin origin(String value) {
        String[] f = value.split(" ", -1);
        if (f.length != 6 || !isNumber(f[1]) || !isNumber(f[2]) || !isToken(f[3]) || !isToken(f[4])
                || !isNonSpace(f[0]) || !isNonSpace(f[5])) {
            throw fail("o= must be 'username sess-id sess-version nettype addrtype address'");
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    static Connection connection(String value) {
        String[] f = value.split(" ", -1);
        if (f.length != 3 || !isToken(f[0]) || !isToken(f[1]) || !isNonSpace(f[2])) {
            throw fail("c= must be 'nettype addrtype address'");
        }
        return new Connection(f[0], f[1], f[2]);
    }

    /** Validates the typed attributes of one level; returns its direction, or null. */
    static Direction checkAttributes(List<Attribute> attributes) {
        Set<String> seen = new HashSet<>();
        Direction direction = null;
        for (Attribute a : attributes) {
            Direction d = Direction.of(a.name());
            if (d != null) {
                if (a.value() != null) {
                    throw fail("a=" + a.name() + " takes no value");
                }
                if (direction != null) {
                    throw fail("more than one direction attribute");
                }
                direction = d;
                continue;
            }
            if (!TYPED_ONCE.contains(a.name())) {
                continue;
            }
            if (!seen.add(a.name())) {
                throw fail("more than one a=" + a.name());
            }
            if (a.value() == null || a.value().isEmpty()) {
                throw fail("a=" + a.name() + " needs a value");
            }
            switch (a.name()) {
                case "path" -> paths(a.value());
                case "accept-types", "accept-wrapped-types" -> types(a.value(), a.name());
                case "max-size" -> {
                    if (!isNumber(a.value())) {
                        throw fail("a=max-size must be a number");
                    }
                }
                case "setup" -> {
                    if (!Set.of("active", "passive", "actpass", "holdconn").contains(a.value())) {
                        throw fail("a=setup must be active, passive, actpass or holdconn");
                    }
                }
                case "file-selector" -> FileSelector.parse(a.value());
                case "file-transfer-id", "file-disposition" -> {
                    if (!isToken(a.value()) || a.value().length() > 256) {
                        throw fail("a=" + a.name() + " must be a token");
                    }
                }
                case "file-range" -> fileRange(a.value());
                default -> throw new IllegalStateException(a.name());
            }
        }
        return direction;
    }

    static List<MsrpUri> paths(String value) {
        String[] parts = value.split(" ", -1);
        if (parts.length > MAX_LIST) {
            throw fail("a=path has more than " + MAX_LIST + " URIs");
        }
        List<MsrpUri> uris = new ArrayList<>(parts.length);
        for (String p : parts) {
            try {
                uris.add(MsrpUri.parse(p));
            } catch (ProtocolException e) {
                throw new ProtocolException(BAD_SDP, "a=path: " + e.detail(), e);
            }
        }
        return List.copyOf(uris);
    }

    /** {@code *}, {@code type/*} or {@code type/subtype}, separated by single spaces. */
    static List<String> types(String value, String name) {
        String[] parts = value.split(" ", -1);
        if (parts.length > MAX_LIST) {
            throw fail("a=" + name + " lists more than " + MAX_LIST + " types");
        }
        for (String p : parts) {
            int slash = p.indexOf('/');
            boolean ok = p.equals("*") || slash > 0 && isToken(p.substring(0, slash)) && isToken(p.substring(slash + 1));
            if (!ok) {
                throw fail("a=" + name + " has an invalid media type " + ProtocolException.quote(p));
            }
        }
        return List.of(parts);
    }

    static FileRange fileRange(String value) {
        int dash = value.indexOf('-');
        if (dash < 0 || !isNumber(value.substring(0, dash))) {
            throw fail("a=file-range must be 'start-stop' or 'start-*'");
        }
        long start = Long.parseLong(value.substring(0, dash));
        String stopText = value.substring(dash + 1);
        if (stopText.equals("*")) {
            if (start < 1) {
                throw fail("a=file-range starts at 1");
            }
            return new FileRange(start, OptionalLong.empty());
        }
        if (!isNumber(stopText)) {
            throw fail("a=file-range must be 'start-stop' or 'start-*'");
        }
        long stop = Long.parseLong(stopText);
        if (start < 1 || stop < start) {
            throw fail("a=file-range must have 1 <= start <= stop");
        }
        return new FileRange(start, OptionalLong.of(stop));
    }

    /** 1 to 18 digits. */
    static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** An RFC 4566 token (visible ASCII except the separators). */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && "!#$%&'*+-.^_`{|}~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNonSpace(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c > 0x20);
    }

    static ProtocolException fail(String detail) {
        return new ProtocolException(BAD_SDP, detail);
    }

    /** The description with CRLF line ends, lines in their order. */
    public byte[] toBytes() {
        StringBuilder out = new StringBuilder(512);
        for (Line l : lines()) {
            out.append(l).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every line, session level first, then each media section. */
    public List<Line> lines() {
        List<Line> all = new ArrayList<>(sessionLines);
        media.forEach(m -> all.addAll(m.lines()));
        return List.copyOf(all);
    }

    public Origin origin() {
        return origin;
    }

    /** The s= text ({@code -} when the client has nothing to say). */
    public String sessionName() {
        return sessionLines.get(2).value();
    }

    /** The session-level c= line, if any. */
    public Optional<Connection> connection() {
        return sessionLines.stream().filter(l -> l.type() == 'c').findFirst().map(l -> connection(l.value()));
    }

    /** The session-level attributes, in order. */
    public List<Attribute> attributes() {
        return attributes;
    }

    /** The value of the first session-level attribute {@code name} (empty string for a property attribute). */
    public Optional<String> attribute(String name) {
        return find(attributes, name);
    }

    /** The session-level direction; {@code sendrecv} when none is given (RFC 4566 §6). */
    public Direction direction() {
        return direction == null ? Direction.SENDRECV : direction;
    }

    Direction declaredDirection() {
        return direction;
    }

    public List<Media> media() {
        return media;
    }

    static Optional<String> find(List<Attribute> attributes, String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst()
                .map(a -> a.value() == null ? "" : a.value());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionDescription s && lines().equals(s.lines());
    }

    @Override
    public int hashCode() {
        return lines().hashCode();
    }

    @Override
    public String toString() {
        return "SessionDescription[" + origin + ", " + media.size() + " media]";
    }

    /** One media description: its m= line and the lines up to the next m=. */
    public static final class Media {

        private final List<Line> lines;
        private final SessionDescription session;
        private final String media;
        private final int port;
        private final String protocol;
        private final List<String> formats;
        private final List<Attribute> attributes;
        private final Direction direction;

        Media(List<Line> lines, SessionDescription session) {
            this.lines = List.copyOf(lines);
            this.session = session;
            checkOrder(this.lines, MEDIA_ORDER, MEDIA_ONCE, "media");
            String[] f = this.lines.get(0).value().split(" ", -1);
            if (f.length < 4 || !isToken(f[0]) || !isToken(f[2].replace('/', '-'))) {
                throw fail("m= must be 'media port proto fmt ...'");
            }
            String portText = f[1];
            int slash = portText.indexOf('/');
            String count = slash < 0 ? null : portText.substring(slash + 1);
            portText = slash < 0 ? portText : portText.substring(0, slash);
            if (!isNumber(portText) || portText.length() > 5 || Integer.parseInt(portText) > 65535
                    || (count != null && (!isNumber(count) || count.length() > 5))) {
                throw fail("invalid port in m=");
            }
            for (int i = 3; i < f.length; i++) {
                if (!isToken(f[i])) {
                    throw fail("invalid format in m=");
                }
            }
            this.media = f[0];
            this.port = Integer.parseInt(portText);
            this.protocol = f[2];
            this.formats = List.of(f).subList(3, f.length);
            if (isMsrp() && (!media.equals("message") || !formats.equals(List.of("*")))) {
                throw fail("an MSRP media must be 'message <port> " + protocol + " *'");
            }
            List<Attribute> attrs = new ArrayList<>();
            for (Line l : this.lines) {
                if (l.type() == 'c') {
                    SessionDescription.connection(l.value());
                } else if (l.type() == 'a') {
                    attrs.add(Attribute.parse(l.value()));
                }
            }
            this.attributes = List.copyOf(attrs);
            this.direction = checkAttributes(attributes);
        }

        /** This section's lines, the m= line first. */
        public List<Line> lines() {
            return lines;
        }

        /** The media type: {@code message} for MSRP. */
        public String media() {
            return media;
        }

        /** The port; 0 for a rejected or disabled stream. */
        public int port() {
            return port;
        }

        /** The transport protocol, e.g. {@code TCP/TLS/MSRP}. */
        public String protocol() {
            return protocol;
        }

        public List<String> formats() {
            return formats;
        }

        /** Whether the protocol is {@code TCP/MSRP} or {@code TCP/TLS/MSRP}. */
        public boolean isMsrp() {
            return protocol.equals("TCP/MSRP") || protocol.equals("TCP/TLS/MSRP");
        }

        /** The media's own c= line, else the session's. */
        public Optional<Connection> connection() {
            Optional<Connection> own = lines.stream().filter(l -> l.type() == 'c').findFirst()
                    .map(l -> SessionDescription.connection(l.value()));
            return own.isPresent() || session == null ? own : session.connection();
        }

        /** The media-level attributes, in order. */
        public List<Attribute> attributes() {
            return attributes;
        }

        /** The value of the first media-level attribute {@code name} (empty string for a property attribute). */
        public Optional<String> attribute(String name) {
            return find(attributes, name);
        }

        /** The MSRP URIs of {@code a=path}; empty when there is none. */
        public List<MsrpUri> path() {
            return attribute("path").map(SessionDescription::paths).orElse(List.of());
        }

        /** The media types of {@code a=accept-types}; empty when there is none. */
        public List<String> acceptTypes() {
            return attribute("accept-types").map(v -> types(v, "accept-types")).orElse(List.of());
        }

        /** The media types of {@code a=accept-wrapped-types}; empty when there is none. */
        public List<String> acceptWrappedTypes() {
            return attribute("accept-wrapped-types").map(v -> types(v, "accept-wrapped-types")).orElse(List.of());
        }

        /** {@code a=max-size}: the largest message the endpoint accepts. */
        public OptionalLong maxSize() {
            Optional<String> v = attribute("max-size");
            return v.isPresent() ? OptionalLong.of(Long.parseLong(v.get())) : OptionalLong.empty();
        }

        /** {@code a=setup} (RFC 4145): who opens the connection, here or at session level. */
        public Optional<String> setup() {
            Optional<String> own = attribute("setup");
            return own.isPresent() || session == null ? own : session.attribute("setup");
        }

        /** The media's direction, else the session's, else {@code sendrecv}. */
        public Direction direction() {
            if (direction != null) {
                return direction;
            }
            return session == null ? Direction.SENDRECV : session.direction();
        }

        /** RFC 5547 {@code a=file-selector}. */
        public Optional<FileSelector> fileSelector() {
            return attribute("file-selector").map(FileSelector::parse);
        }

        /** RFC 5547 {@code a=file-transfer-id}. */
        public Optional<String> fileTransferId() {
            return attribute("file-transfer-id");
        }

        /** RFC 5547 {@code a=file-disposition} ({@code render}, {@code attachment}, ...). */
        public Optional<String> fileDisposition() {
            return attribute("file-disposition");
        }

        /** RFC 5547 {@code a=file-range}. */
        public Optional<FileRange> fileRange() {
            return attribute("file-range").map(SessionDescription::fileRange);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Media m && lines.equals(m.lines);
        }

        @Override
        public int hashCode() {
            return lines.hashCode();
        }

        @Override
        public String toString() {
            return "Media[" + lines.get(0) + "]";
        }
    }
}
