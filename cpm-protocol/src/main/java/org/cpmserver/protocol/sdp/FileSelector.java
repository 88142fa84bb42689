package org.cpmserver.protocol.sdp;

import java.util.Optional;
import java.util.OptionalLong;
import org.cpmserver.protocol.ProtocolException;

/**
 * The RFC 5547 {@code a=file-selector} value that names the file of an MSRP file transfer:
 * {@code name:"report%20Q3.pdf" type:application/pdf size:48213 hash:sha-1:8C:...:4F}, each
 * selector at most once, at least one, in any order. The name is kept as written (percent-encoded,
 * RFC 5547 §6); {@link #decodedName()} undoes the encoding.
 */
public final class FileSelector {

    private static final String BAD = SessionDescription.BAD_SDP;

    private final String name;
    private final String type;
    private final long size;
    private final String hashAlgorithm;
    private final String hash;

    private FileSelector(String name, String type, long size, String hashAlgorithm, String hash) {
        this.name = name;
        this.type = type;
        this.size = size;
        this.hashAlgorithm = hashAlgorithm;
        this.hash = hash;
    }

    /**
     * @throws ProtocolException ("Bad SDP: ...") when {@code value} is not a file-selector
     */
    public static FileSelector parse(String value) {
        String name = null;
        String type = null;
        long size = -1;
        String alg = null;
        String hash = null;
        int pos = 0;
        if (value.isEmpty()) {
            throw fail("empty file-selector");
        }
        while (pos < value.length()) {
            int colon = value.indexOf(':', pos);
            if (colon < 0) {
                throw fail("file-selector item without a colon");
            }
            String key = value.substring(pos, colon);
            int end;
            switch (key) {
                case "name" -> {
                    if (name != null || colon + 1 >= value.length() || value.charAt(colon + 1) != '"') {
                        throw fail("file-selector name must be one quoted string");
                    }
                    int close = value.indexOf('"', colon + 2);
                    if (close < 0 || close == colon + 2) {
                        throw fail("file-selector name is not a closed, non-empty quoted string");
                    }
                    name = value.substring(colon + 2, close);
                    checkName(name);
                    end = close + 1;
                }
                case "type" -> {
                    end = itemEnd(value, colon + 1);
                    if (type != null) {
                        throw fail("more than one file-selector type");
                    }
                    type = value.substring(colon + 1, end);
                    checkType(type);
                }
                case "size" -> {
                    end = itemEnd(value, colon + 1);
                    String digits = value.substring(colon + 1, end);
                    if (size >= 0 || !SessionDescription.isNumber(digits)) {
                        throw fail("file-selector size must be one number");
                    }
                    size = Long.parseLong(digits);
                }
                case "hash" -> {
                    end = itemEnd(value, colon + 1);
                    String h = value.substring(colon + 1, end);
                    int c = h.indexOf(':');
                    if (hash != null || c <= 0 || !SessionDescription.isToken(h.substring(0, c)) || !isHexPairs(h.substring(c + 1))) {
                        throw fail("file-selector hash must be 'algorithm:XX:XX...'");
                    }
                    alg = h.substring(0, c);
                    hash = h.substring(c + 1);
                }
                default -> throw fail("unknown file-selector item " + ProtocolException.quote(key));
            }
            pos = end;
            if (pos < value.length()) {
                if (value.charAt(pos) != ' ' || pos + 1 == value.length() || value.charAt(pos + 1) == ' ') {
                    throw fail("file-selector items must be separated by one space");
                }
                pos++;
            }
        }
        return new FileSelector(name, type, size, alg, hash);
    }

    private static int itemEnd(String value, int from) {
        int sp = value.indexOf(' ', from);
        int end = sp < 0 ? value.length() : sp;
        if (end == from) {
            throw fail("empty file-selector item");
        }
        return end;
    }

    /** filename-char excludes NUL, CR, LF, DQUOTE and %, which must be escaped as %HH. */
    private static void checkName(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) == '%') {
                if (i + 2 >= name.length() || !isHex(name.charAt(i + 1)) || !isHex(name.charAt(i + 2))) {
                    throw fail("file-selector name has a bad %-escape");
                }
                i += 2;
            }
        }
    }

    /** {@code type/subtype *(";" attribute "=" value)}, without spaces. */
    private static void checkType(String type) {
        String[] parts = type.split(";", -1);
        int slash = parts[0].indexOf('/');
        boolean ok = slash > 0 && SessionDescription.isToken(parts[0].substring(0, slash))
                && SessionDescription.isToken(parts[0].substring(slash + 1));
        for (int i = 1; ok && i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            ok = eq > 0 && SessionDescription.isToken(parts[i].substring(0, eq)) && eq + 1 < parts[i].length()
                    && parts[i].substring(eq + 1).chars().allMatch(c -> c > 0x20 && c < 0x7f);
        }
        if (!ok) {
            throw fail("file-selector type is not a media type: " + ProtocolException.quote(type));
        }
    }

    private static boolean isHexPairs(String s) {
        String[] pairs = s.split(":", -1);
        for (String p : pairs) {
            if (p.length() != 2 || !isHex(p.charAt(0)) || !isHex(p.charAt(1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static ProtocolException fail(String detail) {
        return new ProtocolException(BAD, detail);
    }

    /** The file name as written, %-escapes included. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The file name with %HH escapes decoded as UTF-8 bytes (malformed sequences become U+FFFD). */
    public Optional<String> decodedName() {
        if (name == null) {
            return Optional.empty();
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%') {
                out.write(Integer.parseInt(name.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return Optional.of(out.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The media type, e.g. {@code image/jpeg}. */
    public Optional<String> type() {
        return Optional.ofNullable(type);
    }

    /** The size in bytes. */
    public OptionalLong size() {
        return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
    }

    /** The hash algorithm, e.g. {@code sha-1}. */
    public Optional<String> hashAlgorithm() {
        return Optional.ofNullable(hashAlgorithm);
    }

    /** The hash as colon-separated hex pairs. */
    public Optional<String> hash() {
        return Optional.ofNullable(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileSelector f && java.util.Objects.equals(name, f.name) && java.util.Objects.equals(type, f.type)
                && size == f.size && java.util.Objects.equals(hashAlgorithm, f.hashAlgorithm)
                && java.util.Objects.equals(hash, f.hash);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, type, size, hashAlgorithm, hash);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        if (name != null) {
            s.append("name:\"").append(name).append('"');
        }
        if (type != null) {
            s.append(s.length() > 0 ? " " : "").append("type:").append(type);
        }
        if (size >= 0) {
            s.append(s.length() > 0 ? " " : "").append("size:").append(size);
        }
        if (hash != null) {
            s.append(s.length() > 0 ? " " : "").append("hash:").append(hashAlgorithm).append(':').append(hash);
        }
        return s.toString();
    }
}
