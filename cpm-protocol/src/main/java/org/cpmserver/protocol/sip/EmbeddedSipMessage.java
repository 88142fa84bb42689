package org.cpmserver.protocol.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.cpmserver.protocol.ProtocolException;

/**
 * The start line and headers of a SIP message carried as a {@code message/sip} body (RFC 3261
 * §27.5), such as the UE's REGISTER or its 200 that an S-CSCF includes in a third-party REGISTER
 * (3GPP TS 24.229 §5.4.1.7). Only what the server reads is kept: header values by name, with the
 * compact forms (RFC 3261 §7.3.3) expanded and folded lines joined. The body of the embedded
 * message is ignored.
 */
public final class EmbeddedSipMessage {

    static final int MAX_BYTES = 65_536;
    static final int MAX_HEADERS = 256;
    private static final String COMPONENT = "message/sip body";
    private static final Pattern REQUEST_LINE = Pattern.compile("[A-Za-z][A-Za-z0-9.!%*_+`'~-]* \\S+ SIP/2\\.0");
    private static final Pattern STATUS_LINE = Pattern.compile("SIP/2\\.0 [1-6][0-9]{2}( [^\\x00-\\x08\\x0a-\\x1f]*)?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");
    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("m", "contact"), Map.entry("f", "from"), Map.entry("t", "to"), Map.entry("i", "call-id"),
            Map.entry("v", "via"), Map.entry("c", "content-type"), Map.entry("l", "content-length"),
            Map.entry("k", "supported"), Map.entry("e", "content-encoding"), Map.entry("s", "subject"),
            Map.entry("o", "event"), Map.entry("u", "allow-events"), Map.entry("a", "accept-contact"),
            Map.entry("j", "reject-contact"), Map.entry("d", "request-disposition"), Map.entry("r", "refer-to"),
            Map.entry("b", "referred-by"), Map.entry("x", "session-expires"), Map.entry("y", "identity"));

    private final String startLine;
    private final List<String[]> headers;

    private EmbeddedSipMessage(String startLine, List<String[]> headers) {
        this.startLine = startLine;
        this.headers = headers;
    }

    /** Parses the message; a body that is not a SIP request or response is refused (400). */
    public static EmbeddedSipMessage parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new ProtocolException(COMPONENT, "empty");
        }
        if (body.length > MAX_BYTES) {
            throw new ProtocolException(COMPONENT, "over " + MAX_BYTES + " bytes");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String[] lines = text.split("\r?\n", -1);
        String start = lines[0];
        if (!REQUEST_LINE.matcher(start).matches() && !STATUS_LINE.matcher(start).matches()) {
            throw new ProtocolException(COMPONENT, "not a SIP request or status line");
        }
        List<String[]> headers = new ArrayList<>();
        boolean ended = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                ended = true;
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (headers.isEmpty()) {
                    throw new ProtocolException(COMPONENT, "continuation line before any header");
                }
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + line.trim();
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new ProtocolException(COMPONENT, "header line without a name");
            }
            String name = line.substring(0, colon).trim();
            if (!TOKEN.matcher(name).matches()) {
                throw new ProtocolException(COMPONENT, "bad header name");
            }
            if (headers.size() == MAX_HEADERS) {
                throw new ProtocolException(COMPONENT, "more than " + MAX_HEADERS + " headers");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            headers.add(new String[] {COMPACT.getOrDefault(lower, lower), line.substring(colon + 1).trim()});
        }
        if (!ended && lines.length > 1 && !lines[lines.length - 1].isEmpty()) {
            // a message cut inside its headers: what was read may be incomplete
            throw new ProtocolException(COMPONENT, "headers not terminated by an empty line");
        }
        return new EmbeddedSipMessage(start, Collections.unmodifiableList(headers));
    }

    /** The request line or status line. */
    public String startLine() {
        return startLine;
    }

    public boolean isRequest() {
        return !startLine.startsWith("SIP/2.0 ");
    }

    /** Every value of a header (full or compact name, any case), in order, as written. */
    public List<String> values(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String wanted = COMPACT.getOrDefault(lower, lower);
        List<String> values = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].equals(wanted)) {
                values.add(h[1]);
            }
        }
        return values;
    }

    /** The contacts of every Contact header ({@code *} excluded). */
    public List<ContactHeader.Contact> contacts() {
        List<ContactHeader.Contact> contacts = new ArrayList<>();
        for (String value : values("Contact")) {
            contacts.addAll(ContactHeader.parse(value));
        }
        return contacts;
    }
}
