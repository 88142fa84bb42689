package org.cpmserver.protocol.iscomposing;

import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.Optional;
import org.cpmserver.protocol.mime.ContentType;

/**
 * An isComposing indication (RFC 3994): whether the peer is typing, when it last was, what
 * kind of content it is composing, and how long until it refreshes an "active" state.
 */
public final class IsComposing {

    /** RFC 3994: the two states of the composer. */
    public enum State {
        ACTIVE("active"),
        IDLE("idle");

        private final String value;

        State(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private final State state;
    private final OffsetDateTime lastActive;
    private final ContentType contentType;
    private final Integer refresh;

    private IsComposing(State state, OffsetDateTime lastActive, ContentType contentType, Integer refresh) {
        this.state = Objects.requireNonNull(state);
        this.lastActive = lastActive;
        this.contentType = contentType;
        this.refresh = refresh;
    }

    public static IsComposing of(State state) {
        return new IsComposing(state, null, null, null);
    }

    public static IsComposing active() {
        return of(State.ACTIVE);
    }

    public static IsComposing idle() {
        return of(State.IDLE);
    }

    /** Sets {@code <lastactive>}. */
    public IsComposing withLastActive(OffsetDateTime when) {
        return new IsComposing(state, when, contentType, refresh);
    }

    /** Sets {@code <contenttype>}: the kind of content being composed (e.g. text/plain, audio). */
    public IsComposing withContentType(ContentType type) {
        return new IsComposing(state, lastActive, type, refresh);
    }

    /**
     * Sets {@code <refresh>}: seconds until the sender refreshes the active state (RFC 3994).
     *
     * @throws IllegalArgumentException unless {@code seconds} is positive
     */
    public IsComposing withRefresh(int seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException("refresh must be a positive number of seconds");
        }
        return new IsComposing(state, lastActive, contentType, seconds);
    }

    public State state() {
        return state;
    }

    public Optional<OffsetDateTime> lastActive() {
        return Optional.ofNullable(lastActive);
    }

    public Optional<ContentType> contentType() {
        return Optional.ofNullable(contentType);
    }

    /** Refresh interval in seconds. */
    public Optional<Integer> refresh() {
        return Optional.ofNullable(refresh);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsComposing other && state == other.state && Objects.equals(lastActive, other.lastActive)
                && Objects.equals(contentType, other.contentType) && Objects.equals(refresh, other.refresh);
    }

    @Override
    public int hashCode() {
        return Objects.hash(state, lastActive, contentType, refresh);
    }

    @Override
    public String toString() {
        return "IsComposing[" + state.value() + (refresh == null ? "" : ", refresh=" + refresh) + "]";
    }
}
