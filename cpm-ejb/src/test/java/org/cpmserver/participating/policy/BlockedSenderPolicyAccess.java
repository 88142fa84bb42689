package org.cpmserver.participating.policy;

/** Builds the blocked-sender policy in either of its modes for tests outside this package. */
public final class BlockedSenderPolicyAccess {

    private BlockedSenderPolicyAccess() {
    }

    public static PagerPolicy rejecting() {
        BlockedSenderPolicy p = new BlockedSenderPolicy();
        p.mode = "reject";
        return p;
    }

    public static PagerPolicy discarding() {
        BlockedSenderPolicy p = new BlockedSenderPolicy();
        p.mode = "discard";
        return p;
    }
}
