package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cpmserver.protocol.digest.DigestAlgorithm;
import org.cpmserver.protocol.digest.DigestResponse;
import org.cpmserver.protocol.digest.Ha1;

/**
 * A hand-written SIP client that answers one digest challenge (MD5, qop=auth), for requests
 * sipp cannot shape (malformed bodies, odd headers). The request is built by a function of the
 * credentials header line to insert ("" the first time).
 */
final class DigestClient {

    private static final Pattern NONCE = Pattern.compile("nonce=\"([^\"]+)\"");

    private final String user;
    private final String password;
    private final int serverPort;

    DigestClient(String user, String password) {
        this(user, password, StandaloneServer.SIP_PORT);
    }

    DigestClient(String user, String password, int serverPort) {
        this.user = user;
        this.password = password;
        this.serverPort = serverPort;
    }

    /** Sends over UDP; on 401/407 answers the MD5 challenge once and returns the final response. */
    String send(String method, String uri, Function<String, String> request) throws IOException {
        return send(method, uri, request, null);
    }

    /** As {@link #send(String, String, Function)}; {@code body}, when not null, follows the head as raw bytes. */
    String send(String method, String uri, Function<String, String> request, byte[] body) throws IOException {
        String first = body == null ? RawSip.udp(serverPort, request.apply("")) : RawSip.udp(serverPort, request.apply(""), body);
        String status = RawSip.statusLine(first);
        boolean proxy = status.startsWith("SIP/2.0 407");
        if (!proxy && !status.startsWith("SIP/2.0 401")) {
            return first;
        }
        String challengeHeader = proxy ? "Proxy-Authenticate" : "WWW-Authenticate";
        String nonce = null;
        for (String line : first.split("\r\n")) {
            if (line.regionMatches(true, 0, challengeHeader + ":", 0, challengeHeader.length() + 1) && line.contains("algorithm=MD5")) {
                Matcher m = NONCE.matcher(line);
                if (m.find()) {
                    nonce = m.group(1);
                }
            }
        }
        if (nonce == null) {
            throw new AssertionError("no MD5 challenge in " + first);
        }
        String cnonce = UUID.randomUUID().toString().replace("-", "");
        String response = DigestResponse.compute(Ha1.compute(DigestAlgorithm.MD5, user, "localhost", password), method, uri,
                nonce, "auth", "00000001", cnonce);
        String credentials = (proxy ? "Proxy-Authorization" : "Authorization") + ": Digest username=\"" + user
                + "\", realm=\"localhost\", nonce=\"" + nonce + "\", uri=\"" + uri + "\", response=\"" + response
                + "\", algorithm=MD5, cnonce=\"" + cnonce + "\", qop=auth, nc=00000001\n";
        return body == null ? RawSip.udp(serverPort, request.apply(credentials))
                : RawSip.udp(serverPort, request.apply(credentials), body);
    }

    /**
     * The head of an out-of-dialog request from this client's user to {@code uri}, up to and
     * including {@code Max-Forwards}; the CSeq is 2 when it carries credentials (the retry).
     */
    private String head(String method, String uri, String callId, String tag, String credentials) {
        return method + " " + uri + " SIP/2.0\n"
                + "Via: SIP/2.0/$TRANSPORT 127.0.0.1:$PORT;branch=$BRANCH\n"
                + "From: <sip:" + user + "@localhost>;tag=" + tag + "\n"
                + "To: <" + uri + ">\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + (credentials.isEmpty() ? 1 : 2) + " " + method + "\n"
                + "Max-Forwards: 70\n";
    }

    /** A MESSAGE whose body is raw bytes (e.g. compressed, with {@code Content-Encoding} among the extra headers). */
    String message(String to, String extraHeaders, String contentType, byte[] body) throws IOException {
        String uri = "sip:" + to + "@localhost";
        String callId = UUID.randomUUID() + "@127.0.0.1";
        return send("MESSAGE", uri, credentials -> head("MESSAGE", uri, callId, "dc1", credentials)
                + extraHeaders
                + credentials
                + "Content-Type: " + contentType + "\n"
                + "Content-Length: " + body.length + "\n\n", body);
    }

    /** An OPTIONS from this client's user to {@code to}@localhost (a capability query). */
    String options(String to) throws IOException {
        String uri = "sip:" + to + "@localhost";
        String callId = UUID.randomUUID() + "@127.0.0.1";
        return send("OPTIONS", uri, credentials -> head("OPTIONS", uri, callId, "do1", credentials)
                + "Accept: application/sdp\n"
                + credentials
                + "Content-Length: 0\n\n");
    }

    /** A MESSAGE from this client's user to {@code to}@localhost with the given extra headers and body. */
    String message(String to, String extraHeaders, String contentType, String body) throws IOException {
        String uri = "sip:" + to + "@localhost";
        String callId = UUID.randomUUID() + "@127.0.0.1";
        return send("MESSAGE", uri, credentials -> {
            String typeHeader = contentType == null ? "" : "Content-Type: " + contentType + "\n";
            int length = body.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            return head("MESSAGE", uri, callId, "dc1", credentials)
                    + extraHeaders
                    + credentials
                    + typeHeader
                    + "Content-Length: " + length + "\n\n" + body;
        });
    }

    /** A REGISTER of this client's user with one contact and the given lifetime. */
    String register(int contactPort, int expires) throws IOException {
        return register(contactPort, expires, "");
    }

    /** The same with feature parameters on the Contact (e.g. {@code ;+g.3gpp.icsi-ref="..."}). */
    String register(int contactPort, int expires, String contactParameters) throws IOException {
        String callId = UUID.randomUUID() + "@127.0.0.1";
        return send("REGISTER", "sip:localhost", credentials -> "REGISTER sip:localhost SIP/2.0\n"
                + "Via: SIP/2.0/$TRANSPORT 127.0.0.1:$PORT;branch=$BRANCH\n"
                + "From: <sip:" + user + "@localhost>;tag=dr1\n"
                + "To: <sip:" + user + "@localhost>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + (credentials.isEmpty() ? 1 : 2) + " REGISTER\n"
                + "Max-Forwards: 70\n"
                + "Contact: <sip:" + user + "@127.0.0.1:" + contactPort + ">;expires=" + expires + contactParameters + "\n"
                + credentials
                + "Content-Length: 0\n\n");
    }

    static String cpim(String from, String to, String messageId, String innerType, String text) {
        return "From: <sip:" + from + "@localhost>\n"
                + "To: <sip:" + to + "@localhost>\n"
                + "NS: imdn <urn:ietf:params:imdn>\n"
                + "imdn.Message-ID: " + messageId + "\n"
                + "DateTime: 2026-11-24T10:00:00.000Z\n"
                + "\n"
                + "Content-Type: " + innerType + "\n"
                + "\n"
                + text;
    }
}
