package org.cpmserver.protocol.digest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks Digest nonces without keeping a table of the nonces issued, and refuses
 * replayed nonce counts.
 *
 * <h2>Stateless nonces</h2>
 * A nonce is {@code hex(timestamp || random || HMAC-SHA256(secret, timestamp || random || realm))}
 * — 8 bytes of epoch milliseconds, 16 random bytes, 32 bytes of MAC, 112 lowercase hex digits,
 * all of them legal in a quoted string and in a token. RFC 7616 §3.3 suggests exactly this shape
 * (a time stamp plus a value only the server can compute). Any node that shares the
 * secret can tell a genuine nonce from a forged one and see how old it is, so a client may send
 * its REGISTER to one node and its refresh to another, and a restart forgets nothing that matters.
 * The realm is under the MAC, so a nonce issued for one realm is worthless in another. Only the
 * canonical lowercase spelling is accepted, so one nonce cannot be written two ways.
 *
 * <h2>Why hex, not base64</h2>
 * Lowercase hex cannot contain a header name (they all start with a capital letter). Some
 * clients find headers by searching the whole message for the name: SIPp finds {@code CSeq}
 * that way, and a base64 nonce contains "CSeq" about once in 240,000 challenges. Such a client
 * then misreads the challenge's CSeq and drops the call (the soak benchmark lost 2 calls in
 * 600,000 that way). Kamailio and Asterisk also send hex nonces, so the longer nonce (112
 * characters instead of 75) costs no interoperability. A genuine nonce in the base64url spelling
 * of earlier releases is {@link Status#STALE}, so during a rolling upgrade a client holding
 * one is challenged again with {@code stale=true} and retries without asking its user.
 *
 * <h2>Freshness</h2>
 * {@link #validate} says {@link Status#VALID}, {@link Status#STALE} (genuine but older than the
 * lifetime, or further in the future than one lifetime — clock skew between nodes) or
 * {@link Status#INVALID} (forged, truncated, other realm, not ours).
 *
 * <h2>Replay</h2>
 * With {@code qop=auth} each request carries a nonce count that the client increments
 * (RFC 7616 §3.4); {@link #recordUse(String, long)} accepts a count only if it is higher than
 * every count already accepted for that nonce. Without qop (RFC 2069 style) there is no count,
 * so {@link #recordSingleUse} lets such a nonce be used once. The memory of counts is bounded
 * twice over: an entry lives only as long as its nonce can be {@code VALID} (plus a sweep
 * interval of slack, so that a request validated just before expiry cannot slip in after its
 * entry is swept), and at most {@code maxTracked} nonces are remembered. When that cap is reached
 * new nonces are refused ({@link Use#TRACKER_FULL}) rather than old entries evicted: evicting a
 * live entry would silently re-open its nonce to replay.
 *
 * <p>Record a use only after the response has been verified; otherwise anyone who saw a nonce
 * could push its count up and lock the real client out.
 *
 * <p>Caveat for clusters: the nonce check is shared through the secret, but the replay memory is
 * per node. A captured request replayed to another node within the nonce lifetime is caught only
 * if requests of one client stick to one node, or the lifetime is short.
 *
 * <p>Thread-safe.
 */
public final class NonceService {

    /** RFC 7616 leaves the lifetime to the server; five minutes covers a slow client, not a day-old capture. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(300);

    /** Nonces whose counts are remembered at once, per node. */
    public static final int DEFAULT_MAX_TRACKED = 1_000_000;

    /** Shortest secret accepted: 128 bits. {@link #newSecret()} makes 256. */
    public static final int MIN_SECRET_BYTES = 16;

    private static final int TIMESTAMP_BYTES = 8;
    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 32;
    private static final int SIGNED_BYTES = TIMESTAMP_BYTES + RANDOM_BYTES;
    private static final int RAW_BYTES = SIGNED_BYTES + MAC_BYTES;
    private static final int ENCODED_LENGTH = RAW_BYTES * 2;
    private static final int LEGACY_ENCODED_LENGTH = (RAW_BYTES * 4 + 2) / 3;
    private static final String HMAC = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();
    private static final long SINGLE_USE = Long.MAX_VALUE;

    /** What {@link #validate} makes of a nonce. */
    public enum Status {
        /** Issued by a node sharing our secret, for this realm, and young enough. */
        VALID,
        /** Genuine but expired: if the response is right, challenge again with {@code stale=true}. */
        STALE,
        /** Not a nonce we issued for this realm. */
        INVALID
    }

    /** What {@link #recordUse} and {@link #recordSingleUse} make of a use of a nonce. */
    public enum Use {
        /** First use of this count: go ahead. */
        ACCEPTED,
        /** Count not above the last one accepted, or a second use of a one-shot nonce. */
        REPLAY,
        /** The nonce expired between validation and now: treat as stale. */
        EXPIRED,
        /** Too many live nonces to remember another one; refuse rather than forget (try 503). */
        TRACKER_FULL
    }

    private final SecretKeySpec key;
    private final Clock clock;
    private final long lifetimeMillis;
    private final long sweepIntervalMillis;
    private final int maxTracked;
    private final SecureRandom random = new SecureRandom();
    /** One keyed Mac per thread: Mac is not thread-safe, and a lookup and init per nonce showed in the pager profile. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    /** Keyed by the nonce's 64 first random bits (unique per nonce), so an entry costs ~80 bytes, not ~200. */
    private final ConcurrentHashMap<Long, Entry> tracked = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep;

    /** Highest count accepted for a nonce, and when the nonce stops being valid. */
    private record Entry(long expiresAt, long lastCount) {
    }

    /** With the default lifetime and cap. */
    public NonceService(byte[] secret, Clock clock) {
        this(secret, clock, DEFAULT_LIFETIME, DEFAULT_MAX_TRACKED);
    }

    /**
     * @param secret     HMAC key shared by every node of the realm, at least {@value #MIN_SECRET_BYTES} bytes (copied)
     * @param clock      time source; tests pass a movable one
     * @param lifetime   how long a nonce stays {@link Status#VALID}
     * @param maxTracked how many nonces' counts to remember at once
     */
    public NonceService(byte[] secret, Clock clock, Duration lifetime, int maxTracked) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the nonce secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("the nonce lifetime must be positive");
        }
        if (maxTracked < 1) {
            throw new IllegalArgumentException("maxTracked must be positive");
        }
        this.key = new SecretKeySpec(secret.clone(), HMAC);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifetimeMillis = lifetime.toMillis();
        this.sweepIntervalMillis = Math.max(1_000, lifetimeMillis / 10);
        this.maxTracked = maxTracked;
        this.nextSweep = new AtomicLong(clock.millis() + sweepIntervalMillis);
    }

    /** A fresh 256-bit secret, for a single node or for configuration tooling to share. */
    public static byte[] newSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    public Duration lifetime() {
        return Duration.ofMillis(lifetimeMillis);
    }

    /** A new nonce for a challenge in {@code realm}. */
    public String issue(String realm) {
        Objects.requireNonNull(realm, "realm");
        byte[] raw = new byte[RAW_BYTES];
        ByteBuffer.wrap(raw).putLong(clock.millis());
        byte[] randomPart = new byte[RANDOM_BYTES];
        random.nextBytes(randomPart);
        System.arraycopy(randomPart, 0, raw, TIMESTAMP_BYTES, RANDOM_BYTES);
        System.arraycopy(mac(raw, realm), 0, raw, SIGNED_BYTES, MAC_BYTES);
        return HEX.formatHex(raw);
    }

    /** Whether {@code nonce} is one of ours for {@code realm}, and still fresh. Never throws on bad input. */
    public Status validate(String nonce, String realm) {
        if (realm == null) {
            return Status.INVALID;
        }
        byte[] raw = decode(nonce);
        if (raw == null) {
            // issued by a node of an earlier release (base64url): genuine ones are answered
            // stale=true, so that the client retries with a fresh nonce without asking its user
            byte[] legacy = decodeLegacy(nonce);
            return legacy != null && genuine(legacy, realm) ? Status.STALE : Status.INVALID;
        }
        if (!genuine(raw, realm)) {
            return Status.INVALID;
        }
        long age = clock.millis() - timestamp(raw);
        return age > lifetimeMillis || age < -lifetimeMillis ? Status.STALE : Status.VALID;
    }

    /**
     * Records a use of {@code nonce} with nonce count {@code nonceCount} (qop=auth). Call it
     * after {@link #validate} said {@link Status#VALID} and the response was verified.
     *
     * @throws IllegalArgumentException if {@code nonce} is not shaped like our nonces, or the count is below 1
     */
    public Use recordUse(String nonce, long nonceCount) {
        if (nonceCount < 1 || nonceCount == SINGLE_USE) {
            throw new IllegalArgumentException("nonce counts start at 1");
        }
        return record(nonce, nonceCount);
    }

    /**
     * Records the only permitted use of {@code nonce} by a response without qop, which carries no
     * count. Fails if the nonce was used before, with or without qop.
     *
     * @throws IllegalArgumentException if {@code nonce} is not shaped like our nonces
     */
    public Use recordSingleUse(String nonce) {
        return record(nonce, SINGLE_USE);
    }

    /** How many nonces' counts are remembered right now (expired ones linger until the next sweep). */
    public int trackedNonces() {
        return tracked.size();
    }

    private Use record(String nonce, long count) {
        byte[] raw = decode(nonce);
        if (raw == null) {
            throw new IllegalArgumentException("not a nonce issued by a NonceService");
        }
        long ts = timestamp(raw);
        long expiresAt = ts > Long.MAX_VALUE - lifetimeMillis ? Long.MAX_VALUE : ts + lifetimeMillis;
        long now = clock.millis();
        sweepIfDue(now);
        if (now > expiresAt) {
            return Use.EXPIRED;
        }
        Use[] result = new Use[1];
        tracked.compute(ByteBuffer.wrap(raw, TIMESTAMP_BYTES, Long.BYTES).getLong(), (k, old) -> {
            if (old == null) {
                if (tracked.size() >= maxTracked) {
                    result[0] = Use.TRACKER_FULL;
                    return null;
                }
                result[0] = Use.ACCEPTED;
                return new Entry(expiresAt, count);
            }
            if (count == SINGLE_USE || count <= old.lastCount()) {
                result[0] = Use.REPLAY;
                return old;
            }
            result[0] = Use.ACCEPTED;
            return new Entry(old.expiresAt(), count);
        });
        return result[0];
    }

    /**
     * Drops entries whose nonce expired more than a sweep interval ago; at most one thread per
     * interval pays for the scan. An entry updated concurrently is not removed (the values view
     * removes by key and value).
     */
    private void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now >= due && nextSweep.compareAndSet(due, now + sweepIntervalMillis)) {
            tracked.values().removeIf(e -> e.expiresAt() < now - sweepIntervalMillis);
        }
    }

    private boolean genuine(byte[] raw, String realm) {
        return MessageDigest.isEqual(mac(raw, realm), Arrays.copyOfRange(raw, SIGNED_BYTES, RAW_BYTES));
    }

    private byte[] mac(byte[] raw, String realm) {
        Mac mac = macs.get(); // doFinal leaves it reset for the next use on this thread
        mac.update(raw, 0, SIGNED_BYTES);
        return mac.doFinal(realm.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory on every Java platform", e);
        }
    }

    /** The raw bytes of a canonically encoded nonce of the right length, or {@code null}. */
    private static byte[] decode(String nonce) {
        if (nonce == null || nonce.length() != ENCODED_LENGTH) {
            return null;
        }
        for (int i = 0; i < ENCODED_LENGTH; i++) {
            char c = nonce.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return null; // HexFormat would also take upper case: one spelling only
            }
        }
        return HEX.parseHex(nonce);
    }

    /** The raw bytes of a nonce in the canonical base64url spelling of earlier releases (75 characters), or {@code null}. */
    private static byte[] decodeLegacy(String nonce) {
        if (nonce == null || nonce.length() != LEGACY_ENCODED_LENGTH) {
            return null;
        }
        try {
            byte[] raw = Base64.getUrlDecoder().decode(nonce);
            return raw.length == RAW_BYTES && Base64.getUrlEncoder().withoutPadding().encodeToString(raw).equals(nonce) ? raw : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long timestamp(byte[] raw) {
        return ByteBuffer.wrap(raw, 0, TIMESTAMP_BYTES).getLong();
    }
}
