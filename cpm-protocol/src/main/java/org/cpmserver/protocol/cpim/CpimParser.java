package org.cpmserver.protocol.cpim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.HeaderBlock;
import org.cpmserver.protocol.mime.MimeHeaders;

/**
 * Reads a Message/CPIM body (RFC 3862 §2): message headers, an empty line, the MIME headers of the
 * encapsulated content, an empty line, the content.
 *
 * <p>The input is the body of the SIP MESSAGE or MSRP SEND, i.e. it starts with the message
 * headers; the outer {@code Content-Type: message/cpim} belongs to the carrying protocol.
 *
 * <p>Strict where a mistake changes meaning, lenient where it cannot:
 * <ul>
 *   <li>bare LF is accepted for CRLF (never written);</li>
 *   <li>message header lines cannot be folded (the RFC 3862 header grammar has no continuation lines); MIME
 *       content headers can (RFC 5322 §2.2.3);</li>
 *   <li>the space after the colon is optional on input, and surrounding whitespace is dropped;</li>
 *   <li>a Content-Type among the message headers means the separating empty line is missing, and
 *       is reported as such;</li>
 *   <li>Content-Length is optional. When present it must match the content, except that one
 *       trailing line break after the content is tolerated (and dropped), as several clients add
 *       one.</li>
 *   <li>NS declarations apply to the whole header block, whatever their position.</li>
 * </ul>
 * Every refusal is a {@link ProtocolException} whose reason starts with "Bad CPIM".
 */
public final class CpimParser {

    private static final String BAD_CPIM = CpimMessage.BAD_CPIM;

    private CpimParser() {
    }

    /**
     * @throws ProtocolException when {@code body} is not a well-formed CPIM message
     */
    public static CpimMessage parse(byte[] body) {
        HeaderBlock messageBlock = HeaderBlock.read(body, 0, body.length, BAD_CPIM);
        List<CpimHeader> headers = new ArrayList<>(messageBlock.lines().size());
        for (String line : messageBlock.lines()) {
            headers.add(parseHeaderLine(line));
        }
        if (!messageBlock.terminated()) {
            throw new ProtocolException(BAD_CPIM, "missing blank line after message headers");
        }
        if (headers.isEmpty()) {
            throw new ProtocolException(BAD_CPIM, "no message headers");
        }

        HeaderBlock contentBlock = HeaderBlock.read(body, messageBlock.next(), body.length, BAD_CPIM);
        if (!contentBlock.terminated()) {
            throw new ProtocolException(BAD_CPIM, contentBlock.lines().isEmpty()
                    ? "missing encapsulated content" : "missing blank line after content headers");
        }
        MimeHeaders mime = MimeHeaders.parse(contentBlock.lines(), BAD_CPIM);
        String typeValue = mime.single("Content-Type", BAD_CPIM).orElseThrow(
                () -> new ProtocolException(BAD_CPIM, "missing Content-Type in the encapsulated content"));
        ContentType contentType;
        try {
            contentType = ContentType.parse(typeValue);
        } catch (ProtocolException e) {
            throw e.in(BAD_CPIM);
        }
        int start = contentBlock.next();
        int end = body.length;
        String lengthValue = mime.single("Content-Length", BAD_CPIM).orElse(null);
        if (lengthValue != null) {
            long declared = parseLength(lengthValue);
            long actual = end - start;
            if (declared != actual) {
                long extra = actual - declared;
                boolean trailingLineBreak = (extra == 2 && body[end - 2] == '\r' && body[end - 1] == '\n')
                        || (extra == 1 && body[end - 1] == '\n');
                if (!trailingLineBreak) {
                    throw new ProtocolException(BAD_CPIM,
                            "Content-Length " + declared + " does not match the content length " + actual);
                }
                end = (int) (start + declared);
            }
        }
        byte[] content = new byte[end - start];
        System.arraycopy(body, start, content, 0, content.length);
        MimeHeaders contentHeaders = mime.without("Content-Type").without("Content-Length");
        return CpimMessage.of(headers, contentType, contentHeaders, content);
    }

    /** One message header line: {@code [prefix "."] Name ":" *(";" Parameter) [SP] value}. */
    static CpimHeader parseHeaderLine(String line) {
        if (line.startsWith(" ") || line.startsWith("\t")) {
            throw new ProtocolException(BAD_CPIM, "folded (continuation) line in message headers");
        }
        if (!CpimHeader.isValueText(line)) {
            throw new ProtocolException(BAD_CPIM, "control character in a message header line");
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new ProtocolException(BAD_CPIM, "message header line without a colon: " + ProtocolException.quote(line));
        }
        String qualified = line.substring(0, colon);
        String prefix = null;
        String name = qualified;
        int dot = qualified.indexOf('.');
        if (dot >= 0) {
            prefix = qualified.substring(0, dot);
            name = qualified.substring(dot + 1);
        }
        if ((prefix != null && !CpimHeader.isName(prefix)) || !CpimHeader.isName(name)) {
            throw new ProtocolException(BAD_CPIM, "invalid header name " + ProtocolException.quote(qualified));
        }
        if (prefix == null && name.equalsIgnoreCase("Content-Type")) {
            throw new ProtocolException(BAD_CPIM, "missing blank line after message headers");
        }
        int pos = colon + 1;
        Map<String, String> params = new LinkedHashMap<>();
        while (pos < line.length() && line.charAt(pos) == ';') {
            pos = parseParameter(line, pos + 1, params, qualified);
        }
        if (!params.isEmpty() && pos < line.length() && line.charAt(pos) != ' ' && line.charAt(pos) != '\t') {
            throw new ProtocolException(BAD_CPIM,
                    "expected a space after the parameters of " + ProtocolException.quote(qualified));
        }
        String value = line.substring(pos);
        return CpimHeader.of(prefix, name, params, value.strip());
    }

    private static int parseParameter(String line, int pos, Map<String, String> params, String header) {
        int start = pos;
        while (pos < line.length() && CpimHeader.isNameChar(line.charAt(pos))) {
            pos++;
        }
        String name = line.substring(start, pos);
        if (name.isEmpty() || pos >= line.length() || line.charAt(pos) != '=') {
            throw new ProtocolException(BAD_CPIM, "malformed parameter in header " + ProtocolException.quote(header));
        }
        pos++;
        String value;
        if (pos < line.length() && line.charAt(pos) == '"') {
            StringBuilder out = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= line.length()) {
                    throw new ProtocolException(BAD_CPIM,
                            "unterminated quoted parameter in header " + ProtocolException.quote(header));
                }
                char c = line.charAt(pos++);
                if (c == '"') {
                    break;
                }
                if (c == '\\' && pos < line.length()) {
                    c = line.charAt(pos++);
                }
                out.append(c);
            }
            value = out.toString();
        } else {
            start = pos;
            while (pos < line.length() && (CpimHeader.isNameChar(line.charAt(pos)) || line.charAt(pos) == '.')) {
                pos++;
            }
            value = line.substring(start, pos);
            if (value.isEmpty()) {
                throw new ProtocolException(BAD_CPIM, "empty parameter value in header " + ProtocolException.quote(header));
            }
        }
        if (params.putIfAbsent(name, value) != null) {
            throw new ProtocolException(BAD_CPIM, "repeated parameter in header " + ProtocolException.quote(header));
        }
        return pos;
    }

    private static long parseLength(String value) {
        if (value.isEmpty() || value.length() > 9) {
            throw new ProtocolException(BAD_CPIM, "invalid Content-Length " + ProtocolException.quote(value));
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw new ProtocolException(BAD_CPIM, "invalid Content-Length " + ProtocolException.quote(value));
            }
        }
        return Long.parseLong(value);
    }
}
