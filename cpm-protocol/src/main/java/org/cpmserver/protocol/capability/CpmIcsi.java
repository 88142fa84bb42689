package org.cpmserver.protocol.capability;

import java.util.Arrays;
import java.util.Optional;

/**
 * The IMS Communication Service Identifiers of the OMA CPM services (ARCHITECTURE.md §5).
 * A device advertises them in its Contact as {@code +g.3gpp.icsi-ref}; the server advertises the
 * ones it implements in its answer to OPTIONS.
 */
public enum CpmIcsi {
    MESSAGE("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg"),
    LARGE_MESSAGE("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.largemsg"),
    SESSION("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session"),
    GROUP_SESSION("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.session.group"),
    FILE_TRANSFER("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.filetransfer"),
    DEFERRED("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.deferred"),
    SYSTEM_MESSAGE("urn:urn-7:3gpp-service.ims.icsi.oma.cpm.systemmsg");

    private final String urn;

    CpmIcsi(String urn) {
        this.urn = urn;
    }

    /** The service URN, e.g. {@code urn:urn-7:3gpp-service.ims.icsi.oma.cpm.msg}. */
    public String urn() {
        return urn;
    }

    /** The CPM service named by a URN, compared case-insensitively as RFC 8141 allows for the NID. */
    public static Optional<CpmIcsi> fromUrn(String urn) {
        return Arrays.stream(values()).filter(icsi -> icsi.urn.equalsIgnoreCase(urn.trim())).findFirst();
    }
}
