package org.cpmserver.message;

import java.util.Objects;
import org.cpmserver.protocol.imdn.ImdnMessageId;

/**
 * A disposition notification (RFC 5438) travelling back from a recipient: which message it is
 * about and what it reports.
 */
public record DispositionReport(ImdnMessageId original, Kind kind) {

    /** What is reported. */
    public enum Kind { DELIVERY, DISPLAY, PROCESSING }

    public DispositionReport {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * Delivery and display notifications are collapsed to one per recipient across its devices
     * (OMA CPM AD §5.3.1.3.1); processing ones come from the network and are not.
     */
    public boolean collapsible() {
        return kind != Kind.PROCESSING;
    }
}
