package org.cpmserver.protocol.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cpmserver.protocol.ProtocolException;

/**
 * The lines of a header block up to the empty line that ends it, as raw text.
 *
 * <p>MIME part headers and both CPIM header blocks share this framing: lines end with CRLF and an
 * empty line separates the headers from what follows (RFC 5322 §2.1, RFC 3862 §2). Bare LF is
 * accepted as a line end because several messaging clients emit it; a CR that is not followed by
 * LF is refused, since readers disagree about it and that is how header smuggling starts. Header
 * text is decoded as strict UTF-8 (RFC 3862 makes CPIM header values UTF-8; RFC 6532 lets
 * MIME headers carry it too), so malformed byte sequences are refused rather than replaced.
 *
 * <p>Interpreting the lines (folding, name/value split) is left to the format.
 */
public final class HeaderBlock {

    private final List<String> lines;
    private final int next;
    private final boolean terminated;

    private HeaderBlock(List<String> lines, int next, boolean terminated) {
        this.lines = List.copyOf(lines);
        this.next = next;
        this.terminated = terminated;
    }

    /**
     * Reads lines of {@code src[from, to)} until an empty line or {@code to}.
     *
     * @param component the format being parsed, for the error reason (e.g. "Bad CPIM")
     * @throws ProtocolException on a bare CR or bytes that are not UTF-8
     */
    public static HeaderBlock read(byte[] src, int from, int to, String component) {
        List<String> lines = new ArrayList<>();
        int pos = from;
        while (pos < to) {
            int lf = indexOf(src, (byte) '\n', pos, to);
            int lineEnd = lf < 0 ? to : lf;
            int textEnd = lineEnd > pos && src[lineEnd - 1] == '\r' && lf >= 0 ? lineEnd - 1 : lineEnd;
            if (indexOf(src, (byte) '\r', pos, textEnd) >= 0) {
                throw new ProtocolException(component, "carriage return without line feed in a header line");
            }
            int after = lf < 0 ? to : lf + 1;
            if (textEnd == pos && lf >= 0) {
                return new HeaderBlock(lines, after, true);
            }
            lines.add(decode(src, pos, textEnd, component));
            pos = after;
        }
        return new HeaderBlock(lines, to, false);
    }

    /** The header lines, without their line ends. */
    public List<String> lines() {
        return lines;
    }

    /** The offset just after the empty line, or the end of the range when there was none. */
    public int next() {
        return next;
    }

    /** Whether the block ended with an empty line (rather than at the end of the input). */
    public boolean terminated() {
        return terminated;
    }

    static int indexOf(byte[] src, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (src[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String decode(byte[] src, int from, int to, String component) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(src, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException(component, "header line is not valid UTF-8", e);
        }
    }
}
