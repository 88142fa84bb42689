package org.cpmserver.preferences;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.cpmserver.protocol.sip.SipAddress;

/** A user's messaging preferences (value object); {@link #NONE} when the user set nothing. */
public final class UserPreferences {

    public static final UserPreferences NONE = new UserPreferences(Set.of(), List.of(), OptionalInt.empty());

    /**
     * How stored messages reach the user's devices (OMA CPM AD §5.3.1.3.4): pushed as they are,
     * or announced in a list the device then retrieves from.
     */
    public enum DeferredDelivery { PUSH, PULL }

    private final Set<SipAddress> blockedSenders;
    private final List<String> allowedContentTypes;
    private final OptionalInt maxMessageSize;
    private final DeferredDelivery deferredDelivery;

    public UserPreferences(Set<SipAddress> blockedSenders, List<String> allowedContentTypes, OptionalInt maxMessageSize) {
        this(blockedSenders, allowedContentTypes, maxMessageSize, DeferredDelivery.PUSH);
    }

    public UserPreferences(Set<SipAddress> blockedSenders, List<String> allowedContentTypes, OptionalInt maxMessageSize,
            DeferredDelivery deferredDelivery) {
        this.deferredDelivery = Objects.requireNonNull(deferredDelivery);
        this.blockedSenders = Set.copyOf(blockedSenders);
        this.allowedContentTypes = allowedContentTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).distinct().collect(Collectors.toUnmodifiableList());
        this.maxMessageSize = Objects.requireNonNull(maxMessageSize);
        if (maxMessageSize.isPresent() && maxMessageSize.getAsInt() < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
    }

    public Set<SipAddress> blockedSenders() {
        return blockedSenders;
    }

    /** Lower-case media types ({@code type/subtype}); empty: anything the server supports. */
    public List<String> allowedContentTypes() {
        return allowedContentTypes;
    }

    public OptionalInt maxMessageSize() {
        return maxMessageSize;
    }

    /** Push (the default) or pull; a device that registers with the CPM deferred ICSI is pulled whatever this says. */
    public DeferredDelivery deferredDelivery() {
        return deferredDelivery;
    }

    public boolean blocks(SipAddress sender) {
        return blockedSenders.contains(sender);
    }

    /** Whether a body of this media type ({@code type/subtype}, any case) is welcome. */
    public boolean accepts(String mediaType) {
        return allowedContentTypes.isEmpty() || allowedContentTypes.contains(mediaType.toLowerCase(Locale.ROOT));
    }
}
