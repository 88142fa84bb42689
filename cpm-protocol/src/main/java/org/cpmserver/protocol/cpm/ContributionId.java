package org.cpmserver.protocol.cpm;

import java.util.Objects;

/**
 * The value of a {@code Contribution-ID} header (OMA CPM): one message or session inside a
 * conversation; {@code InReplyTo-Contribution-ID} refers to one. Compared exactly.
 */
public final class ContributionId {

    public static final String HEADER = "Contribution-ID";

    private final String value;

    private ContributionId(String value) {
        this.value = value;
    }

    /**
     * @throws org.cpmserver.protocol.ProtocolException 400 when empty, over 255 characters, or
     *     carrying a delimiter or control character
     */
    public static ContributionId parse(String text) {
        return new ContributionId(CpmTokens.check(HEADER, text));
    }

    /** A new identifier (a random UUID), for a message that arrived without one. */
    public static ContributionId random() {
        return new ContributionId(CpmTokens.fresh());
    }

    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ContributionId && ((ContributionId) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
