package org.cpmserver.protocol.cpim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link CpimMessage} as a Message/CPIM body (RFC 3862 §2).
 *
 * <p>Output is deterministic: message headers in their stored order, CRLF line ends, an empty
 * line, {@code Content-Type} first, the other content headers in order, then a
 * {@code Content-Length} computed from the content (so it can never disagree with it), an empty
 * line and the content bytes, with nothing after them.
 */
public final class CpimWriter {

    private CpimWriter() {
    }

    public static byte[] write(CpimMessage message) {
        StringBuilder head = new StringBuilder(256);
        for (CpimHeader h : message.headers()) {
            head.append(h).append("\r\n");
        }
        head.append("\r\n");
        head.append("Content-Type: ").append(message.contentType()).append("\r\n");
        message.contentHeaders().writeTo(head);
        head.append("Content-Length: ").append(message.bodyLength()).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + message.bodyLength());
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(message.rawBody());
        return out.toByteArray();
    }
}
