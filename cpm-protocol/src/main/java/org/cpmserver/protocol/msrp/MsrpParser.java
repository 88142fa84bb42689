package org.cpmserver.protocol.msrp;

import java.util.Arrays;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;

/**
 * Cuts MSRP transactions out of the byte stream of one MSRP connection: feed it what the socket
 * delivers, in pieces of any size, and take complete transactions with {@link #next()}.
 *
 * <p>A transaction ends at the first {@code CRLF -------<tid>} after its start line (the body may
 * not contain that string, RFC 4975 §7.1), followed by the flag and CRLF; only then is it parsed,
 * with {@link MsrpMessage#parse(byte[])}. The buffer is bounded by
 * {@link MsrpMessage#MAX_TRANSACTION}, and the search resumes where it stopped, so a peer trickling
 * bytes costs linear time. After a {@link ProtocolException} the stream cannot be resynchronised
 * (RFC 4975 has no way to find the next start line safely): close the connection. Not thread-safe:
 * one parser per connection, fed by its reader.
 */
public final class MsrpParser {

    private byte[] buffer = new byte[4096];
    private int length;
    private int scanned;
    private byte[] endMark;
    private boolean failed;

    /**
     * Appends received bytes.
     *
     * @throws ProtocolException when the unparsed bytes would exceed the size of a transaction
     */
    public void feed(byte[] data, int offset, int count) {
        checkUsable();
        if (length + (long) count > MsrpMessage.MAX_TRANSACTION) {
            failed = true;
            throw new ProtocolException(MsrpMessage.BAD_MSRP,
                    "transaction larger than " + MsrpMessage.MAX_TRANSACTION + " bytes");
        }
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + count, Math.min(buffer.length * 2, MsrpMessage.MAX_TRANSACTION)));
        }
        System.arraycopy(data, offset, buffer, length, count);
        length += count;
    }

    /** As {@link #feed(byte[], int, int)} for a whole array. */
    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /**
     * The next complete transaction, or empty when more bytes are needed.
     *
     * @throws ProtocolException when the buffered transaction is malformed
     */
    public Optional<MsrpMessage> next() {
        checkUsable();
        try {
            return Optional.ofNullable(take());
        } catch (ProtocolException e) {
            failed = true;
            throw e;
        }
    }

    /** How many received bytes are not yet part of a returned transaction. */
    public int buffered() {
        return length;
    }

    private MsrpMessage take() {
        if (endMark == null) {
            int cr = -1;
            int limit = Math.min(length, MsrpMessage.MAX_LINE + 2);
            for (int i = 0; i < limit; i++) {
                if (buffer[i] == '\r' || buffer[i] == '\n') {
                    cr = i;
                    break;
                }
            }
            if (cr < 0) {
                if (length >= MsrpMessage.MAX_LINE + 2) {
                    throw new ProtocolException(MsrpMessage.BAD_MSRP, "start line longer than " + MsrpMessage.MAX_LINE + " bytes");
                }
                return null;
            }
            String line = new String(buffer, 0, cr, java.nio.charset.StandardCharsets.UTF_8);
            String tid = MsrpMessage.startLine(line)[0];
            endMark = MsrpMessage.ascii("\r\n-------" + tid);
            scanned = cr;
        }
        int mark = MsrpMessage.indexOf(buffer, scanned, length, endMark);
        if (mark < 0 || mark + endMark.length + 3 > length) {
            scanned = mark >= 0 ? mark : Math.max(scanned, length - endMark.length + 1);
            return null;
        }
        int end = mark + endMark.length + 3;
        MsrpMessage message = MsrpMessage.parse(Arrays.copyOfRange(buffer, 0, end));
        System.arraycopy(buffer, end, buffer, 0, length - end);
        length -= end;
        scanned = 0;
        endMark = null;
        return message;
    }

    private void checkUsable() {
        if (failed) {
            throw new IllegalStateException("the stream was refused before; close the connection");
        }
    }
}
