package org.cpmserver.message;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.cpmserver.protocol.cpm.ContributionId;
import org.cpmserver.protocol.cpm.ConversationId;
import org.cpmserver.protocol.sip.SipAddress;

/** Envelopes for the unit tests. */
public final class Messages {

    private Messages() {
    }

    public static CpmMessage of(SipAddress sender, String contentType, byte[] body) {
        return new CpmMessage(sender, ConversationId.parse("conv"), ContributionId.parse("contrib"), null, null, contentType,
                contentType, body, null, Instant.parse("2026-11-24T10:00:00Z"), "call-1");
    }

    public static CpmMessage text(SipAddress sender, String text) {
        return of(sender, "text/plain", text.getBytes(StandardCharsets.UTF_8));
    }
}
