package org.cpmserver.protocol.deferred;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A pull-mode device's request for stored messages: the store ids it wants delivered, in the
 * order named (delivery itself is always oldest first).
 */
public final class RetrievalRequest {

    /** The most messages one request may name. */
    public static final int MAX_IDS = 100;

    private final List<String> ids;

    /**
     * @throws IllegalArgumentException when the list is empty, too long, repeats an id or has an
     *     invalid one
     */
    public RetrievalRequest(List<String> ids) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no message named");
        }
        if (ids.size() > MAX_IDS) {
            throw new IllegalArgumentException("more than " + MAX_IDS + " messages named");
        }
        for (String id : ids) {
            if (!DeferredList.isId(id)) {
                throw new IllegalArgumentException("not a deferred message id: " + id);
            }
        }
        if (new LinkedHashSet<>(ids).size() != ids.size()) {
            throw new IllegalArgumentException("a message is named twice");
        }
        this.ids = List.copyOf(ids);
    }

    public List<String> ids() {
        return ids;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetrievalRequest r && ids.equals(r.ids);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ids);
    }

    @Override
    public String toString() {
        return "RetrievalRequest" + ids;
    }
}
