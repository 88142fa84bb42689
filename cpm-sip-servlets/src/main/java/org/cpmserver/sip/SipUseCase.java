package org.cpmserver.sip;

import java.io.IOException;
import java.util.Set;
import javax.servlet.ServletException;
import javax.servlet.sip.SipServletRequest;
import org.cpmserver.protocol.capability.CpmIcsi;

/**
 * One SIP use case (one request method to one kind of target), in the manner of one command
 * handler per protocol command. Each declares what it contributes to the server's advertised capabilities, so the
 * answer to OPTIONS is always exactly what is deployed.
 */
public interface SipUseCase {

    /** The SIP method this use case answers, upper case. */
    String method();

    /** Body types it accepts (for {@code Accept}); empty when it takes no body. */
    Set<String> acceptedContentTypes();

    /** The CPM services it implements (for the {@code +g.3gpp.icsi-ref} feature tag). */
    Set<CpmIcsi> services();

    /** SIP option tags it implements (for {@code Supported}), e.g. {@code recipient-list-message}. */
    default Set<String> optionTags() {
        return Set.of();
    }

    /** Whether it serves requests of its method addressed to {@code target} (never {@link RequestTarget#FOREIGN}). */
    boolean serves(RequestTarget target);

    /**
     * Whether its requests create dialogs (INVITE, SUBSCRIBE): their SIP sessions then live as
     * long as the dialog. Dialog-less requests (MESSAGE, OPTIONS, REGISTER) let the container
     * invalidate their sessions as soon as their transactions end.
     */
    default boolean createsDialog() {
        return false;
    }

    /** Handles an initial request that targets a served domain. */
    void handle(SipServletRequest request) throws ServletException, IOException;
}
