package org.cpmserver.it.blackbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Sends hand-written SIP text over a loopback socket and returns the first response: for the
 * inputs sipp cannot produce (malformed requests, unknown methods). {@code $PORT}, {@code $TRANSPORT}
 * and {@code $BRANCH} in the text are filled in; lines end in CRLF.
 */
final class RawSip {

    private RawSip() {
    }

    static String udp(int port, String template) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            byte[] out = fill(template, "UDP", socket.getLocalPort()).getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(out, out.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            byte[] in = new byte[65535];
            DatagramPacket p = new DatagramPacket(in, in.length);
            socket.receive(p);
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        }
    }

    /** As {@link #udp(int, String)}, with a body of raw bytes after the filled-in head (which ends in a blank line). */
    static String udp(int port, String head, byte[] body) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            byte[] top = fill(head, "UDP", socket.getLocalPort()).getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[top.length + body.length];
            System.arraycopy(top, 0, out, 0, top.length);
            System.arraycopy(body, 0, out, top.length, body.length);
            socket.send(new DatagramPacket(out, out.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
            byte[] in = new byte[65535];
            DatagramPacket p = new DatagramPacket(in, in.length);
            socket.receive(p);
            return new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
        }
    }

    static String tcp(int port, String template) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(fill(template, "TCP", socket.getLocalPort()).getBytes(StandardCharsets.UTF_8));
            InputStream in = socket.getInputStream();
            StringBuilder text = new StringBuilder();
            byte[] buf = new byte[8192];
            while (text.indexOf("\r\n\r\n") < 0) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                text.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
            return text.toString();
        }
    }

    private static String fill(String template, String transport, int localPort) {
        return template.replace("$PORT", Integer.toString(localPort))
                .replace("$TRANSPORT", transport)
                .replace("$BRANCH", "z9hG4bK" + UUID.randomUUID().toString().replace("-", ""))
                .replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** The status line of a response. */
    static String statusLine(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end);
    }

    /** The value of the first header with this name (case-insensitive), or null. */
    static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
            if (line.isEmpty()) {
                break;
            }
        }
        return null;
    }

    /** An out-of-dialog request to {@code user@host} with the usual mandatory headers. */
    static String request(String method, String user, String host) {
        return request(method, user, host, null, "");
    }

    /** The same with a body (lines of the body end in CRLF too). */
    static String request(String method, String user, String host, String contentType, String body) {
        String typeHeader = contentType == null ? "" : "Content-Type: " + contentType + "\n";
        int length = body.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        String target = user == null ? host : user + "@" + host;
        return method + " sip:" + target + " SIP/2.0\n"
                + "Via: SIP/2.0/$TRANSPORT 127.0.0.1:$PORT;branch=$BRANCH\n"
                + "From: <sip:probe@127.0.0.1>;tag=it1\n"
                + "To: <sip:" + target + ">\n"
                + "Call-ID: " + UUID.randomUUID() + "@127.0.0.1\n"
                + "CSeq: 1 " + method + "\n"
                + "Max-Forwards: 70\n"
                + typeHeader
                + "Content-Length: " + length + "\n\n" + body;
    }
}
