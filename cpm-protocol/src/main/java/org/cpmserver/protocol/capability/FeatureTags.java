package org.cpmserver.protocol.capability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes and reads the {@code +g.3gpp.icsi-ref} feature tag (RFC 3840 §9, 3GPP TS 24.229 §7.2A.8).
 *
 * <p>The value is a quoted, comma-separated list of percent-encoded URNs:
 * {@code +g.3gpp.icsi-ref="urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg,urn%3A..."}. ':' must be
 * escaped because RFC 3840 string values are restricted to a token-like alphabet inside the quotes.
 */
public final class FeatureTags {

    /** The feature-tag name, with the leading '+' that marks it as a feature parameter. */
    public static final String ICSI_REF = "+g.3gpp.icsi-ref";

    private static final Pattern ICSI_REF_PARAMETER =
            Pattern.compile("\\+g\\.3gpp\\.icsi-ref=(\"[^\"]*\"|[^;]*)", Pattern.CASE_INSENSITIVE);

    /** Contact parameters that are feature tags (RFC 3840 §9) besides the '+'-prefixed ones. */
    private static final Set<String> BASE_TAGS = Set.of("audio", "video", "text", "data", "control", "automata",
            "class", "duplex", "mobility", "description", "events", "priority", "methods", "schemes", "application",
            "language", "type", "isfocus", "actor");

    private FeatureTags() {
    }

    /**
     * The feature tags among a Contact's parameters (RFC 3840 §9), as {@code name[=value]}
     * joined by ';' in the given order: the base tags and every '+'-prefixed one except
     * {@code +sip.instance}, which names the device rather than a capability. Other parameters
     * ({@code expires}, {@code q}, {@code reg-id}, ...) are not capabilities and are left out.
     */
    public static String ofContactParameters(Map<String, String> parameters) {
        StringBuilder tags = new StringBuilder();
        parameters.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("+sip.instance") || !(lower.startsWith("+") || BASE_TAGS.contains(lower))) {
                return;
            }
            if (tags.length() > 0) {
                tags.append(';');
            }
            tags.append(name);
            if (value != null && !value.isEmpty()) {
                tags.append('=').append(value);
            }
        });
        return tags.toString();
    }

    /** The quoted parameter value for the given services, in declaration order (stable output). */
    public static String icsiRefValue(Collection<CpmIcsi> services) {
        return "\"" + icsiRefList(services) + "\"";
    }

    /**
     * The same list without the quotes, for SIP APIs that quote a parameter value themselves
     * (a JSR 289 {@code Address.setParameter} does).
     */
    public static String icsiRefList(Collection<CpmIcsi> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("an icsi-ref feature tag needs at least one service");
        }
        return EnumSet.copyOf(services).stream()
                .map(icsi -> percentEncode(icsi.urn()))
                .collect(Collectors.joining(","));
    }

    /**
     * The CPM services named in an icsi-ref value (quoted or not). URNs of non-CPM services
     * (MMTel, RCS extensions) are ignored; a value that is not a well-formed list is rejected.
     */
    public static Set<CpmIcsi> parseIcsiRef(String value) {
        String v = value.trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        } else if (v.startsWith("\"") || v.endsWith("\"")) {
            throw new IllegalArgumentException("unbalanced quotes in icsi-ref value: " + value);
        }
        Set<CpmIcsi> found = EnumSet.noneOf(CpmIcsi.class);
        for (String item : v.split(",", -1)) {
            String urn = percentDecode(item.trim());
            if (urn.isEmpty()) {
                throw new IllegalArgumentException("empty URN in icsi-ref value: " + value);
            }
            CpmIcsi.fromUrn(urn).ifPresent(found::add);
        }
        return Collections.unmodifiableSet(found);
    }

    /**
     * The CPM services named by every {@code +g.3gpp.icsi-ref} parameter in a header's parameter
     * text (a Contact's or an Accept-Contact's). Lenient, because it reads what peers declare: a
     * malformed tag declares nothing rather than failing the request it came with.
     */
    public static Set<CpmIcsi> servicesDeclaredIn(String parameters) {
        Set<CpmIcsi> services = EnumSet.noneOf(CpmIcsi.class);
        if (parameters == null) {
            return services;
        }
        Matcher m = ICSI_REF_PARAMETER.matcher(parameters);
        while (m.find()) {
            try {
                services.addAll(parseIcsiRef(m.group(1)));
            } catch (IllegalArgumentException malformed) {
                // declares nothing
            }
        }
        return services;
    }

    static String percentEncode(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }

    static String percentDecode(String s) {
        List<Byte> bytes = new ArrayList<>(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("truncated percent escape in: " + s);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad percent escape in: " + s);
                }
                bytes.add((byte) (hi << 4 | lo));
                i += 2;
            } else if (c > 0x7e || c < 0x21) {
                throw new IllegalArgumentException("character not allowed in a feature-tag value: " + s);
            } else {
                bytes.add((byte) c);
            }
        }
        byte[] raw = new byte[bytes.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = bytes.get(i);
        }
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
