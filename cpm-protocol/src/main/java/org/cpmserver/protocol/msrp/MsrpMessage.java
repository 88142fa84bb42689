package org.cpmserver.protocol.msrp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.ContentType;

/**
 * One MSRP transaction (RFC 4975 §7): a request ({@code MSRP <tid> SEND}, {@code REPORT} or another
 * method) or a response ({@code MSRP <tid> 200 OK}), its headers, an optional body and the end-line
 * {@code -------<tid>} followed by the continuation flag ({@code $} complete, {@code +} more chunks
 * follow, {@code #} aborted).
 *
 * <pre>
 * MSRP d93kswow SEND
 * To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp
 * From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp
 * Message-ID: 12339sdqwer
 * Byte-Range: 1-16/16
 * Content-Type: text/plain
 *
 * Hi, I'm Alice!
 * -------d93kswow$
 * </pre>
 *
 * Every line ends in CRLF (MSRP has no bare-LF leniency: the end-line is found by byte matching).
 * Rules enforced, by the parser and by the builder alike, so that what {@link #toBytes()} writes is
 * exactly what {@link #parse(byte[])} accepts:
 * <ul>
 *   <li>To-Path and From-Path are the first two headers, in that order (§7.1.1), each a list of
 *       MSRP URIs;</li>
 *   <li>Message-ID, Byte-Range, Success-Report, Failure-Report, Status and Content-Type occur at most
 *       once and have their RFC syntax; SEND needs a Message-ID, REPORT a Message-ID and a Status;</li>
 *   <li>a body is present exactly when Content-Type is, Content-Type is then the last header, followed
 *       by an empty line, the body and CRLF;</li>
 *   <li>the body never contains {@code -------<tid>} (§7.1: it would end the transaction early);</li>
 *   <li>in a SEND, a Byte-Range with a known end agrees with the body length (except in an aborted
 *       chunk);</li>
 *   <li>the end-line names the transaction id of the start line;</li>
 *   <li>sizes are bounded: {@value #MAX_LINE} bytes a line, {@value #MAX_HEADERS} headers,
 *       {@value #MAX_BODY} body bytes.</li>
 * </ul>
 * Every refusal is a {@link ProtocolException} whose reason starts with "Bad MSRP".
 */
public final class MsrpMessage {

    static final String BAD_MSRP = "Bad MSRP";

    /** The longest start line or header line, without CRLF. */
    public static final int MAX_LINE = 4096;
    /** The most headers of one transaction. */
    public static final int MAX_HEADERS = 32;
    /** The largest body (chunk) accepted; senders chunk larger contents. */
    public static final int MAX_BODY = 1 << 20;
    /** The most URIs in To-Path or From-Path. */
    public static final int MAX_PATH = 16;
    /** The largest transaction as a whole. */
    public static final int MAX_TRANSACTION = MAX_BODY + MAX_HEADERS * (MAX_LINE + 2) + MAX_LINE + 64;

    private static final String END_DASHES = "-------";

    /** The continuation flag of the end-line. */
    public enum Continuation {
        /** {@code $}: the message is complete with this chunk. */
        COMPLETE('$'),
        /** {@code +}: more chunks of the message follow. */
        MORE('+'),
        /** {@code #}: the sender aborted the message. */
        ABORTED('#');

        private final char flag;

        Continuation(char flag) {
            this.flag = flag;
        }

        public char flag() {
            return flag;
        }

        static Continuation of(int c) {
            for (Continuation k : values()) {
                if (k.flag == c) {
                    return k;
                }
            }
            return null;
        }
    }

    /** A header line, name as written. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }

        @Override
        public String toString() {
            return name + ": " + value;
        }
    }

    private final String transactionId;
    private final String method;
    private final int statusCode;
    private final String comment;
    private final List<Header> headers;
    private final ContentType contentType;
    private final byte[] body;
    private final Continuation continuation;

    // derived, validated in the constructor
    private final List<MsrpUri> toPath;
    private final List<MsrpUri> fromPath;
    private final String messageId;
    private final ByteRange byteRange;
    private final String successReport;
    private final String failureReport;
    private final String status;

    private MsrpMessage(String transactionId, String method, int statusCode, String comment, List<Header> headers,
            ContentType contentType, byte[] body, Continuation continuation) {
        if (!isIdent(transactionId)) {
            throw fail("invalid transaction id " + ProtocolException.quote(transactionId));
        }
        if (method != null) {
            if (method.isEmpty() || method.length() > 32 || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw fail("invalid method " + ProtocolException.quote(method));
            }
        } else {
            if (statusCode < 0 || statusCode > 999) {
                throw fail("invalid status code " + statusCode);
            }
            if (comment != null && (comment.isEmpty() || comment.length() > 256 || !isText(comment))) {
                throw fail("invalid response comment");
            }
        }
        if (headers.size() > MAX_HEADERS) {
            throw fail("more than " + MAX_HEADERS + " headers");
        }
        if (headers.size() < 2 || !headers.get(0).name().equalsIgnoreCase("To-Path")
                || !headers.get(1).name().equalsIgnoreCase("From-Path")) {
            throw fail("To-Path and From-Path must be the first headers, in that order");
        }
        this.transactionId = transactionId;
        this.method = method;
        this.statusCode = method == null ? statusCode : -1;
        this.comment = method == null ? comment : null;
        this.headers = List.copyOf(headers);
        this.contentType = contentType;
        this.body = body;
        this.continuation = Objects.requireNonNull(continuation);

        List<MsrpUri> to = null;
        List<MsrpUri> from = null;
        String id = null;
        ByteRange range = null;
        String success = null;
        String failure = null;
        String stat = null;
        for (int i = 0; i < this.headers.size(); i++) {
            Header h = this.headers.get(i);
            String name = h.name().toLowerCase(Locale.ROOT);
            if (!isToken(h.name()) || h.name().length() > 64) {
                throw fail("invalid header name " + ProtocolException.quote(h.name()));
            }
            if (h.value().length() > MAX_LINE || !isText(h.value())) {
                throw fail("invalid value of " + h.name());
            }
            switch (name) {
                case "to-path" -> {
                    if (i != 0) {
                        throw fail("more than one To-Path");
                    }
                    to = path(h.value(), "To-Path");
                }
                case "from-path" -> {
                    if (i != 1) {
                        throw fail("more than one From-Path");
                    }
                    from = path(h.value(), "From-Path");
                }
                case "message-id" -> {
                    once(id, h);
                    if (!isIdent(h.value())) {
                        throw fail("invalid Message-ID " + ProtocolException.quote(h.value()));
                    }
                    id = h.value();
                }
                case "byte-range" -> {
                    once(range, h);
                    range = ByteRange.parse(h.value());
                }
                case "success-report" -> {
                    once(success, h);
                    if (!h.value().equals("yes") && !h.value().equals("no")) {
                        throw fail("Success-Report must be yes or no");
                    }
                    success = h.value();
                }
                case "failure-report" -> {
                    once(failure, h);
                    if (!h.value().equals("yes") && !h.value().equals("no") && !h.value().equals("partial")) {
                        throw fail("Failure-Report must be yes, no or partial");
                    }
                    failure = h.value();
                }
                case "status" -> {
                    once(stat, h);
                    checkStatus(h.value());
                    stat = h.value();
                }
                case "content-type", "content-length" -> throw fail(h.name() + " is not a free header");
                default -> {
                    // extension and MIME headers (Content-ID, Content-Disposition, ...) are kept as they are
                }
            }
        }
        if ("SEND".equals(method) && id == null) {
            throw fail("SEND without Message-ID");
        }
        if ("REPORT".equals(method) && (id == null || stat == null)) {
            throw fail("REPORT without Message-ID or Status");
        }
        if ((contentType == null) != (body == null)) {
            throw fail(contentType == null ? "a body needs a Content-Type" : "Content-Type without a body");
        }
        if (body != null) {
            if (body.length > MAX_BODY) {
                throw fail("body larger than " + MAX_BODY + " bytes");
            }
            if (indexOf(body, 0, body.length, ascii(END_DASHES + transactionId)) >= 0) {
                throw fail("the body contains the end-line of its transaction");
            }
        }
        int length = body == null ? 0 : body.length;
        // in a REPORT (or a response) the Byte-Range describes the reported message, not a body
        if ("SEND".equals(method) && range != null && range.end().isPresent() && continuation != Continuation.ABORTED
                && range.end().getAsLong() - range.start() + 1 != length) {
            throw fail("Byte-Range " + range + " does not match the body length " + length);
        }
        this.toPath = to;
        this.fromPath = from;
        this.messageId = id;
        this.byteRange = range;
        this.successReport = success;
        this.failureReport = failure;
        this.status = stat;
    }

    /** A request builder, e.g. {@code MsrpMessage.request("d93kswow", "SEND")}. */
    public static Builder request(String transactionId, String method) {
        return new Builder(transactionId, method, -1, null);
    }

    /** A response builder, e.g. {@code MsrpMessage.response("d93kswow", 200, "OK")}; comment may be null. */
    public static Builder response(String transactionId, int statusCode, String comment) {
        return new Builder(transactionId, null, statusCode, comment);
    }

    /**
     * Parses exactly one complete transaction: {@code input} starts with the start line and ends
     * with the CRLF of the end-line. To cut transactions out of a TCP stream, use {@link MsrpParser}.
     *
     * @throws ProtocolException ("Bad MSRP: ...") when the input breaks a rule of the class comment
     */
    public static MsrpMessage parse(byte[] input) {
        if (input.length > MAX_TRANSACTION) {
            throw fail("transaction larger than " + MAX_TRANSACTION + " bytes");
        }
        int eol = lineEnd(input, 0);
        String startLine = line(input, 0, eol);
        String[] start = startLine(startLine);
        String tid = start[0];
        int pos = eol + 2;
        List<Header> headers = new ArrayList<>();
        ContentType contentType = null;
        while (true) {
            if (pos >= input.length) {
                throw fail("missing end-line");
            }
            int end = lineEnd(input, pos);
            if (end == pos) {
                break; // empty line: the body follows
            }
            String line = line(input, pos, end);
            if (line.startsWith(END_DASHES)) {
                Continuation flag = endLine(line, tid);
                if (end + 2 != input.length) {
                    throw fail("data after the end-line");
                }
                if (contentType != null) {
                    throw fail("Content-Type without a body");
                }
                return build(start, headers, null, null, flag);
            }
            if (contentType != null) {
                throw fail("Content-Type must be the last header");
            }
            if (headers.size() == MAX_HEADERS) {
                throw fail("more than " + MAX_HEADERS + " headers");
            }
            Header h = headerLine(line);
            if (h.name().equalsIgnoreCase("Content-Type")) {
                try {
                    contentType = ContentType.parse(h.value());
                } catch (ProtocolException e) {
                    throw e.in(BAD_MSRP);
                }
            } else {
                headers.add(h);
            }
            pos = end + 2;
        }
        if (contentType == null) {
            throw fail("an empty line but no Content-Type");
        }
        int bodyStart = pos + 2;
        byte[] endMark = ascii("\r\n" + END_DASHES + tid);
        // from the empty line's CRLF on, so that a body starting with the end-line is caught too; an
        // empty body puts the CRLF before the end-line right after the empty line
        int mark = indexOf(input, pos, input.length, endMark);
        if (mark >= 0 && mark < bodyStart) {
            throw fail("the body contains the end-line of its transaction");
        }
        if (mark < 0) {
            int lastLine = lastIndexOf(input, ascii("\r\n" + END_DASHES));
            throw fail(lastLine >= bodyStart - 2 ? "end-line transaction id does not match" : "missing end-line");
        }
        int flagAt = mark + endMark.length;
        if (flagAt + 3 != input.length || input[flagAt + 1] != '\r' || input[flagAt + 2] != '\n') {
            throw fail(flagAt + 3 > input.length ? "truncated end-line" : "invalid end-line or data after it");
        }
        Continuation flag = Continuation.of(input[flagAt]);
        if (flag == null) {
            throw fail("invalid continuation flag in the end-line");
        }
        byte[] body = Arrays.copyOfRange(input, bodyStart, mark);
        return build(start, headers, contentType, body, flag);
    }

    private static MsrpMessage build(String[] start, List<Header> headers, ContentType type, byte[] body,
            Continuation flag) {
        return start[1] != null
                ? new MsrpMessage(start[0], start[1], -1, null, headers, type, body, flag)
                : new MsrpMessage(start[0], null, Integer.parseInt(start[2]), start[3], headers, type, body, flag);
    }

    /** {transaction id, method or null, status or null, comment or null}. */
    static String[] startLine(String line) {
        if (!line.startsWith("MSRP ")) {
            throw fail("start line does not begin with 'MSRP '");
        }
        int sp = line.indexOf(' ', 5);
        if (sp < 0) {
            throw fail("start line has no method or status");
        }
        String tid = line.substring(5, sp);
        if (!isIdent(tid)) {
            throw fail("invalid transaction id " + ProtocolException.quote(tid));
        }
        String rest = line.substring(sp + 1);
        if (rest.length() >= 3 && rest.chars().limit(3).allMatch(c -> c >= '0' && c <= '9')
                && (rest.length() == 3 || rest.charAt(3) == ' ')) {
            String comment = rest.length() > 4 ? rest.substring(4) : null;
            if (rest.length() == 4) {
                throw fail("empty response comment");
            }
            return new String[] {tid, null, rest.substring(0, 3), comment};
        }
        if (rest.isEmpty() || !rest.chars().allMatch(c -> c >= 'A' && c <= 'Z') || rest.length() > 32) {
            throw fail("invalid method " + ProtocolException.quote(rest));
        }
        return new String[] {tid, rest, null, null};
    }

    private static Continuation endLine(String line, String tid) {
        String rest = line.substring(END_DASHES.length());
        if (rest.isEmpty()) {
            throw fail("invalid end-line");
        }
        Continuation flag = Continuation.of(rest.charAt(rest.length() - 1));
        if (flag == null) {
            throw fail("invalid continuation flag in the end-line");
        }
        if (!rest.substring(0, rest.length() - 1).equals(tid)) {
            throw fail("end-line transaction id does not match");
        }
        return flag;
    }

    private static Header headerLine(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0 || colon + 1 >= line.length() || line.charAt(colon + 1) != ' ') {
            throw fail("header line is not 'Name: value': " + ProtocolException.quote(line));
        }
        return new Header(line.substring(0, colon), line.substring(colon + 2));
    }

    /** The index of the CR of the CRLF ending the line at {@code from}. */
    private static int lineEnd(byte[] input, int from) {
        int limit = Math.min(input.length, from + MAX_LINE + 2);
        for (int i = from; i < limit; i++) {
            if (input[i] == '\n') {
                throw fail("line break is not CRLF");
            }
            if (input[i] == '\r') {
                if (i + 1 >= input.length || input[i + 1] != '\n') {
                    throw fail("line break is not CRLF");
                }
                return i;
            }
        }
        throw fail(limit == input.length ? "missing end-line" : "line longer than " + MAX_LINE + " bytes");
    }

    private static String line(byte[] input, int from, int to) {
        if (to - from > MAX_LINE) {
            throw fail("line longer than " + MAX_LINE + " bytes");
        }
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(BAD_MSRP, "a line is not UTF-8", e);
        }
        if (!isText(s)) {
            throw fail("control character in a line");
        }
        return s;
    }

    private static List<MsrpUri> path(String value, String header) {
        String[] parts = value.split(" ", -1);
        if (parts.length > MAX_PATH) {
            throw fail(header + " has more than " + MAX_PATH + " URIs");
        }
        List<MsrpUri> uris = new ArrayList<>(parts.length);
        for (String p : parts) {
            try {
                uris.add(MsrpUri.parse(p));
            } catch (ProtocolException e) {
                throw new ProtocolException(BAD_MSRP, header + ": " + e.detail(), e);
            }
        }
        return List.copyOf(uris);
    }

    /** {@code namespace SP status-code [SP comment]}, e.g. {@code 000 200 OK}. */
    private static void checkStatus(String value) {
        boolean ok = value.length() >= 7 && digits(value, 0, 3) && value.charAt(3) == ' ' && digits(value, 4, 7)
                && (value.length() == 7 || (value.charAt(7) == ' ' && value.length() > 8));
        if (!ok) {
            throw fail("Status is not 'namespace code [comment]': " + ProtocolException.quote(value));
        }
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static void once(Object seen, Header h) {
        if (seen != null) {
            throw fail("more than one " + h.name());
        }
    }

    /** {@code ident = ALPHANUM 3*31ident-char}, ident-char = alphanum / "." / "-" / "+" / "%" / "=". */
    static boolean isIdent(String s) {
        if (s == null || s.length() < 4 || s.length() > 32 || !isAlnum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && ".-+%=".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAlnum(c) && "-.!%*_+`'~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (Character.isSurrogate(c) && !validSurrogate(s, i))) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return true;
    }

    private static boolean validSurrogate(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static int indexOf(byte[] data, int from, int to, byte[] pattern) {
        outer:
        for (int i = Math.max(0, from); i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = data.length - pattern.length; i >= 0; i--) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static ProtocolException fail(String detail) {
        return new ProtocolException(BAD_MSRP, detail);
    }

    /** The transaction as bytes, CRLF line ends, in the layout of the class comment. */
    public byte[] toBytes() {
        StringBuilder head = new StringBuilder(256).append("MSRP ").append(transactionId).append(' ');
        if (method != null) {
            head.append(method);
        } else {
            head.append(String.format(Locale.ROOT, "%03d", statusCode));
            if (comment != null) {
                head.append(' ').append(comment);
            }
        }
        head.append("\r\n");
        for (Header h : headers) {
            head.append(h).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + 64 + (body == null ? 0 : body.length));
        if (contentType != null) {
            head.append("Content-Type: ").append(contentType).append("\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
            out.writeBytes(body);
            out.writeBytes(ascii("\r\n"));
        } else {
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(ascii(END_DASHES + transactionId + continuation.flag() + "\r\n"));
        return out.toByteArray();
    }

    public String transactionId() {
        return transactionId;
    }

    public boolean isRequest() {
        return method != null;
    }

    /** The method of a request ({@code SEND}, {@code REPORT}, ...); empty for a response. */
    public Optional<String> method() {
        return Optional.ofNullable(method);
    }

    /** The status code of a response; empty for a request. */
    public OptionalInt statusCode() {
        return method == null ? OptionalInt.of(statusCode) : OptionalInt.empty();
    }

    /** The comment after a response's status code, if any. */
    public Optional<String> comment() {
        return Optional.ofNullable(comment);
    }

    /** Every header but Content-Type, in order, To-Path and From-Path first. */
    public List<Header> headers() {
        return headers;
    }

    /** The first value of header {@code name} (ignoring case). */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    public List<MsrpUri> toPath() {
        return toPath;
    }

    public List<MsrpUri> fromPath() {
        return fromPath;
    }

    public Optional<String> messageId() {
        return Optional.ofNullable(messageId);
    }

    public Optional<ByteRange> byteRange() {
        return Optional.ofNullable(byteRange);
    }

    /** {@code yes} or {@code no}; absent means no (RFC 4975 §7.1.2). */
    public Optional<String> successReport() {
        return Optional.ofNullable(successReport);
    }

    /** {@code yes}, {@code no} or {@code partial}; absent means yes. */
    public Optional<String> failureReport() {
        return Optional.ofNullable(failureReport);
    }

    /** The Status header of a REPORT, e.g. {@code 000 200 OK}. */
    public Optional<String> status() {
        return Optional.ofNullable(status);
    }

    public Optional<ContentType> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** A copy of the body; empty when there is none. */
    public byte[] body() {
        return body == null ? new byte[0] : body.clone();
    }

    public boolean hasBody() {
        return body != null;
    }

    public Continuation continuation() {
        return continuation;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpMessage m && transactionId.equals(m.transactionId) && Objects.equals(method, m.method)
                && statusCode == m.statusCode && Objects.equals(comment, m.comment) && headers.equals(m.headers)
                && Objects.equals(contentType, m.contentType) && Arrays.equals(body, m.body)
                && continuation == m.continuation;
    }

    @Override
    public int hashCode() {
        return Objects.hash(transactionId, method, statusCode, comment, headers, contentType, Arrays.hashCode(body),
                continuation);
    }

    @Override
    public String toString() {
        return "MsrpMessage[" + transactionId + " " + (method != null ? method : Integer.toString(statusCode))
                + ", " + (body == null ? "no body" : body.length + " bytes") + ", " + continuation.flag() + "]";
    }

    /**
     * Builds a transaction; {@link #build()} applies the rules of the class comment and throws
     * {@link ProtocolException} when they are broken.
     */
    public static final class Builder {
        private final String transactionId;
        private final String method;
        private final int statusCode;
        private final String comment;
        private String toPath;
        private String fromPath;
        private final List<Header> headers = new ArrayList<>();
        private ContentType contentType;
        private byte[] body;
        private Continuation continuation = Continuation.COMPLETE;

        private Builder(String transactionId, String method, int statusCode, String comment) {
            this.transactionId = transactionId;
            this.method = method;
            this.statusCode = statusCode;
            this.comment = comment;
        }

        public Builder toPath(List<MsrpUri> path) {
            this.toPath = join(path);
            return this;
        }

        public Builder fromPath(List<MsrpUri> path) {
            this.fromPath = join(path);
            return this;
        }

        /** Adds a header after the paths (not To-Path, From-Path or Content-Type). */
        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder body(ContentType type, byte[] content) {
            this.contentType = Objects.requireNonNull(type);
            this.body = content.clone();
            return this;
        }

        public Builder continuation(Continuation flag) {
            this.continuation = Objects.requireNonNull(flag);
            return this;
        }

        /**
         * @throws ProtocolException when the transaction breaks a rule of the class comment
         */
        public MsrpMessage build() {
            if (toPath == null || fromPath == null) {
                throw fail("To-Path and From-Path must be the first headers, in that order");
            }
            List<Header> all = new ArrayList<>(headers.size() + 2);
            all.add(new Header("To-Path", toPath));
            all.add(new Header("From-Path", fromPath));
            all.addAll(headers);
            return new MsrpMessage(transactionId, method, statusCode, comment, all, contentType,
                    body == null ? null : body.clone(), continuation);
        }

        private static String join(List<MsrpUri> path) {
            if (path.isEmpty()) {
                throw new IllegalArgumentException("empty path");
            }
            return String.join(" ", path.stream().map(MsrpUri::toString).toList());
        }
    }
}
