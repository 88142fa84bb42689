package org.cpmserver.protocol.cpim;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.mime.ContentType;
import org.cpmserver.protocol.mime.MimeHeaders;

/**
 * A Message/CPIM (RFC 3862): message headers, then the encapsulated MIME content (its headers and
 * its bytes).
 *
 * <p>The message headers are kept as written, in order, so that a relay can forward them
 * faithfully; the core ones are also validated and exposed typed. A {@code CpimMessage} always
 * satisfies these rules (checked on construction, whether parsed or built):
 * <ul>
 *   <li>exactly one From and at least one To (RFC 3862 header definitions; every CPM/RCS message and
 *       IMDN has them), each in the {@code "Name" <uri>} or {@code <uri>} form; cc likewise;</li>
 *   <li>at most one DateTime, in RFC 3339 form;</li>
 *   <li>every prefix used is declared by an NS header, and no prefix is bound to two
 *       different URIs;</li>
 *   <li>Require lists header names;</li>
 *   <li>the content has a Content-Type. Content-Length is not stored: it is checked when
 *       read and recomputed when written.</li>
 * </ul>
 *
 * <p>Header names are matched case-insensitively when looked up: clients vary the spelling
 * ({@code DateTime}, {@code Datetime}) and refusing them buys nothing; the builder always writes
 * the canonical spelling. Prefixes are matched exactly, as they are declared identifiers. NS
 * declarations apply to the whole header block, wherever they stand.
 */
public final class CpimMessage {

    /** The namespace of unprefixed headers (RFC 3862). */
    public static final String CPIM_NAMESPACE = "urn:ietf:params:cpim-headers:";
    /** The namespace of the IMDN headers (RFC 5438), conventionally bound to prefix "imdn". */
    public static final String IMDN_NAMESPACE = "urn:ietf:params:imdn";

    static final String BAD_CPIM = CpimAddress.BAD_CPIM;

    private final List<CpimHeader> headers;
    private final ContentType contentType;
    private final MimeHeaders contentHeaders;
    private final byte[] body;

    // derived from headers, validated in the constructor
    private final Map<String, String> namespaces;
    private final CpimAddress from;
    private final List<CpimAddress> to;
    private final List<CpimAddress> cc;
    private final OffsetDateTime dateTime;
    private final List<String> require;

    private CpimMessage(List<CpimHeader> headers, ContentType contentType, MimeHeaders contentHeaders, byte[] body) {
        this.headers = List.copyOf(headers);
        this.contentType = Objects.requireNonNull(contentType, "missing Content-Type");
        this.contentHeaders = contentHeaders;
        this.body = body;
        this.namespaces = readNamespaces(this.headers);
        CpimAddress sender = null;
        List<CpimAddress> recipients = new ArrayList<>();
        List<CpimAddress> copies = new ArrayList<>();
        OffsetDateTime when = null;
        List<String> required = new ArrayList<>();
        for (CpimHeader h : this.headers) {
            if (h.prefix().isPresent()) {
                if (!namespaces.containsKey(h.prefix().get())) {
                    throw fail("unknown namespace prefix " + ProtocolException.quote(h.prefix().get()));
                }
            } else if (h.isCore("From")) {
                if (sender != null) {
                    throw fail("more than one From header");
                }
                sender = CpimAddress.parse(h.value());
            } else if (h.isCore("To")) {
                recipients.add(CpimAddress.parse(h.value()));
            } else if (h.isCore("cc")) {
                copies.add(CpimAddress.parse(h.value()));
            } else if (h.isCore("DateTime")) {
                if (when != null) {
                    throw fail("more than one DateTime header");
                }
                try {
                    when = Rfc3339.parse(h.value());
                } catch (ProtocolException e) {
                    throw new ProtocolException(BAD_CPIM, "DateTime " + e.detail(), e);
                }
            } else if (h.isCore("Require")) {
                required.addAll(readRequire(h.value()));
            }
        }
        if (sender == null) {
            throw fail("missing From header");
        }
        if (recipients.isEmpty()) {
            throw fail("missing To header");
        }
        for (MimeHeaders.Field f : contentHeaders.fields()) {
            if (f.name().equalsIgnoreCase("Content-Type") || f.name().equalsIgnoreCase("Content-Length")) {
                throw new IllegalArgumentException(f.name() + " is not a free content header");
            }
        }
        this.from = sender;
        this.to = List.copyOf(recipients);
        this.cc = List.copyOf(copies);
        this.dateTime = when;
        this.require = List.copyOf(required);
    }

    /**
     * Assembles and validates a message; used by {@link CpimParser}.
     *
     * @throws ProtocolException when the rules in the class comment are broken
     */
    static CpimMessage of(List<CpimHeader> headers, ContentType contentType, MimeHeaders contentHeaders, byte[] body) {
        return new CpimMessage(headers, contentType, contentHeaders, body);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder primed with this message, to derive a modified copy (e.g. a rewritten From). */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.headers.addAll(headers);
        b.contentType = contentType;
        b.contentHeaders = contentHeaders;
        b.body = body;
        return b;
    }

    /** All message headers, in order. */
    public List<CpimHeader> headers() {
        return headers;
    }

    public CpimAddress from() {
        return from;
    }

    public List<CpimAddress> to() {
        return to;
    }

    public List<CpimAddress> cc() {
        return cc;
    }

    public Optional<OffsetDateTime> dateTime() {
        return Optional.ofNullable(dateTime);
    }

    /** The first Subject value, if any (further ones are usually translations, see RFC 3862 language tagging). */
    public Optional<String> subject() {
        return header(CPIM_NAMESPACE, "Subject");
    }

    /** The NS declarations: prefix to namespace URI, in declaration order. */
    public Map<String, String> namespaces() {
        return namespaces;
    }

    /** The header names listed by Require headers, as written (possibly prefixed). */
    public List<String> require() {
        return require;
    }

    /** The first value of header {@code name} in namespace {@code namespaceUri}. */
    public Optional<String> header(String namespaceUri, String name) {
        List<String> all = headers(namespaceUri, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every value of header {@code name} in namespace {@code namespaceUri}, in order. */
    public List<String> headers(String namespaceUri, String name) {
        List<String> values = new ArrayList<>();
        for (CpimHeader h : headers) {
            String ns = h.prefix().map(namespaces::get).orElse(CPIM_NAMESPACE);
            if (ns.equals(namespaceUri) && h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** An IMDN header (RFC 5438), e.g. {@code imdnHeader("Message-ID")}, under whatever prefix. */
    public Optional<String> imdnHeader(String name) {
        return header(IMDN_NAMESPACE, name);
    }

    /** The {@code imdn.Message-ID} value, if present. */
    public Optional<String> imdnMessageId() {
        return imdnHeader("Message-ID");
    }

    public ContentType contentType() {
        return contentType;
    }

    /** The other MIME headers of the content (Content-ID, Content-Disposition, ...). */
    public MimeHeaders contentHeaders() {
        return contentHeaders;
    }

    /** A copy of the content bytes. */
    public byte[] body() {
        return body.clone();
    }

    public int bodyLength() {
        return body.length;
    }

    /**
     * The content as text, decoded with its charset parameter (UTF-8 when absent: RCS and CPM
     * content is UTF-8).
     *
     * @throws ProtocolException when the charset is unknown
     */
    public String bodyText() {
        try {
            return new String(body, contentType.charset(StandardCharsets.UTF_8));
        } catch (ProtocolException e) {
            throw e.in(BAD_CPIM);
        }
    }

    byte[] rawBody() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpimMessage other && headers.equals(other.headers) && contentType.equals(other.contentType)
                && contentHeaders.equals(other.contentHeaders) && Arrays.equals(body, other.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(headers, contentType, contentHeaders, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "CpimMessage" + headers + "[" + contentType + ", " + body.length + " bytes]";
    }

    private static Map<String, String> readNamespaces(List<CpimHeader> headers) {
        Map<String, String> ns = new LinkedHashMap<>();
        for (CpimHeader h : headers) {
            if (!h.isCore("NS")) {
                continue;
            }
            String v = h.value();
            int lt = v.indexOf('<');
            if (lt < 0 || !v.endsWith(">")) {
                throw fail("NS header must be 'prefix <uri>': " + ProtocolException.quote(v));
            }
            String prefix = v.substring(0, lt).strip();
            String uri = v.substring(lt + 1, v.length() - 1);
            if (!CpimAddress.isUri(uri)) {
                throw fail("NS header has no URI: " + ProtocolException.quote(v));
            }
            if (prefix.isEmpty()) {
                // A default-namespace declaration would change what From, To, ... mean; only the
                // harmless re-declaration of the CPIM namespace itself is accepted.
                if (!uri.equals(CPIM_NAMESPACE)) {
                    throw fail("NS header without a prefix is not supported");
                }
                continue;
            }
            if (!CpimHeader.isName(prefix)) {
                throw fail("invalid NS prefix " + ProtocolException.quote(prefix));
            }
            String previous = ns.putIfAbsent(prefix, uri);
            if (previous != null && !previous.equals(uri)) {
                throw fail("NS prefix " + ProtocolException.quote(prefix) + " bound to two namespaces");
            }
        }
        return Collections.unmodifiableMap(ns);
    }

    private static List<String> readRequire(String value) {
        List<String> names = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            String name = item.strip();
            int dot = name.indexOf('.');
            boolean ok = dot < 0 ? CpimHeader.isName(name)
                    : CpimHeader.isName(name.substring(0, dot)) && CpimHeader.isName(name.substring(dot + 1));
            if (!ok) {
                throw fail("Require lists an invalid header name " + ProtocolException.quote(name));
            }
            names.add(name);
        }
        return names;
    }

    private static ProtocolException fail(String detail) {
        return new ProtocolException(BAD_CPIM, detail);
    }

    /**
     * Builds a message; headers are written in the order they are added. Validation happens in
     * {@link #build()}, which throws {@link ProtocolException} for the rules in the class comment.
     */
    public static final class Builder {
        private final List<CpimHeader> headers = new ArrayList<>();
        private ContentType contentType;
        private MimeHeaders contentHeaders = MimeHeaders.empty();
        private byte[] body = new byte[0];

        private Builder() {
        }

        /** Sets From, replacing an existing one in place. */
        public Builder from(CpimAddress address) {
            return replace("From", address.toString());
        }

        /** Adds a To. */
        public Builder to(CpimAddress address) {
            headers.add(CpimHeader.of("To", address.toString()));
            return this;
        }

        /** Adds a cc. */
        public Builder cc(CpimAddress address) {
            headers.add(CpimHeader.of("cc", address.toString()));
            return this;
        }

        /** Sets DateTime, replacing an existing one in place. */
        public Builder dateTime(OffsetDateTime when) {
            return replace("DateTime", Rfc3339.format(when));
        }

        /** Adds a Subject. */
        public Builder subject(String subject) {
            headers.add(CpimHeader.of("Subject", subject.strip()));
            return this;
        }

        /** Declares {@code prefix} for {@code namespaceUri} (no-op if already declared so). */
        public Builder namespace(String prefix, String namespaceUri) {
            for (CpimHeader h : headers) {
                if (h.isCore("NS") && h.value().equals(prefix + " <" + namespaceUri + ">")) {
                    return this;
                }
            }
            if (!CpimAddress.isUri(namespaceUri)) {
                throw new IllegalArgumentException("not a namespace URI: " + namespaceUri);
            }
            headers.add(CpimHeader.of("NS", prefix + " <" + namespaceUri + ">"));
            return this;
        }

        /**
         * Adds an IMDN header (RFC 5438), declaring {@code NS: imdn <urn:ietf:params:imdn>}
         * first if no prefix is bound to the IMDN namespace yet.
         */
        public Builder imdn(String name, String value) {
            String prefix = null;
            for (CpimHeader h : headers) {
                if (h.isCore("NS") && h.value().endsWith("<" + IMDN_NAMESPACE + ">")) {
                    prefix = h.value().substring(0, h.value().indexOf('<')).strip();
                    break;
                }
            }
            if (prefix == null) {
                prefix = "imdn";
                namespace(prefix, IMDN_NAMESPACE);
            }
            headers.add(CpimHeader.of(prefix, name, value));
            return this;
        }

        /** Adds any header. */
        public Builder header(CpimHeader header) {
            headers.add(Objects.requireNonNull(header));
            return this;
        }

        /** Removes every unprefixed header called {@code name} (ignoring case). */
        public Builder removeHeaders(String name) {
            headers.removeIf(h -> h.isCore(name));
            return this;
        }

        /** Removes every header called {@code name} whose prefix is {@code prefix}. */
        public Builder removeHeaders(String prefix, String name) {
            headers.removeIf(h -> h.prefix().map(prefix::equals).orElse(false) && h.name().equalsIgnoreCase(name));
            return this;
        }

        public Builder contentType(ContentType type) {
            this.contentType = Objects.requireNonNull(type);
            return this;
        }

        /** Adds a MIME header to the content (not Content-Type or Content-Length). */
        public Builder contentHeader(String name, String value) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("content-type") || lower.equals("content-length")) {
                throw new IllegalArgumentException(name + " is set by contentType() / computed from the body");
            }
            contentHeaders = contentHeaders.with(name, value);
            return this;
        }

        public Builder body(byte[] content) {
            this.body = content.clone();
            return this;
        }

        /** UTF-8 text content with Content-Type {@code text/plain;charset=UTF-8}. */
        public Builder text(String text) {
            this.contentType = ContentType.TEXT_PLAIN_UTF8;
            this.body = text.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        /**
         * @throws ProtocolException when the headers break a rule of the class comment
         * @throws NullPointerException when no content type was given
         */
        public CpimMessage build() {
            return new CpimMessage(headers, contentType, contentHeaders, body.clone());
        }

        private Builder replace(String name, String value) {
            CpimHeader header = CpimHeader.of(name, value);
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).isCore(name)) {
                    headers.set(i, header);
                    headers.removeIf(h -> h != header && h.isCore(name));
                    return this;
                }
            }
            headers.add(header);
            return this;
        }
    }
}
