package org.cpmserver.protocol;

/** The one check of "is this an absolute URI" that CPIM addresses and resource lists share. */
public final class AbsoluteUri {

    private AbsoluteUri() {
    }

    /**
     * An absolute URI (RFC 3986 §3.1 scheme followed by ':') made of visible US-ASCII, with none of
     * the characters that delimit it in a header or an XML attribute: {@code < > "} and whitespace.
     */
    public static boolean isValid(String uri) {
        if (uri == null) {
            return false;
        }
        int colon = uri.indexOf(':');
        if (colon < 1 || colon == uri.length() - 1 || !isAlpha(uri.charAt(0))) {
            return false;
        }
        for (int i = 1; i < colon; i++) {
            char c = uri.charAt(i);
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return false;
            }
        }
        for (int i = colon + 1; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
