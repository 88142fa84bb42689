package org.cpmserver.sip;

import java.io.UnsupportedEncodingException;
import javax.servlet.sip.Address;
import javax.servlet.sip.ServletParseException;
import javax.servlet.sip.SipApplicationSession;
import javax.servlet.sip.SipFactory;
import javax.servlet.sip.SipServletRequest;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.protocol.cpm.ContributionId;
import org.cpmserver.protocol.cpm.ConversationId;
import org.cpmserver.registrar.Device;

/**
 * The one way the server builds a MESSAGE for a device, live or from the deferred store: to the
 * device's contact, through its Path, carrying the sender's asserted identity and the CPM
 * conversation identities unchanged.
 */
final class DeviceRequests {

    private DeviceRequests() {
    }

    static SipServletRequest message(SipFactory factory, SipApplicationSession session, Address from, Address to,
            Device device, CpmMessage message) throws ServletParseException, UnsupportedEncodingException {
        SipServletRequest out = toDevice(factory, session, from, to, device);
        out.setHeader(ConversationId.HEADER, message.conversationId().value());
        out.setHeader(ContributionId.HEADER, message.contributionId().value());
        out.setHeader("P-Asserted-Identity", "<" + message.sender().uri() + ">");
        out.setContent(message.body(), message.contentType());
        return out;
    }

    /**
     * The server's own MESSAGE to a device (e.g. the deferred messaging service's list of
     * waiting messages): from the service address, no conversation identities.
     */
    static SipServletRequest notice(SipFactory factory, SipApplicationSession session, Address from, Address to,
            Device device, byte[] body, String contentType) throws ServletParseException, UnsupportedEncodingException {
        SipServletRequest out = toDevice(factory, session, from, to, device);
        out.setContent(body, contentType);
        return out;
    }

    /** A MESSAGE addressed to the device's contact, through its Path. */
    private static SipServletRequest toDevice(SipFactory factory, SipApplicationSession session, Address from, Address to,
            Device device) throws ServletParseException {
        SipServletRequest out = factory.createRequest(session, "MESSAGE", from, to);
        out.setRequestURI(factory.createURI(device.contactUri()));
        if (device.path() != null) {
            for (String hop : device.path().split(",")) {
                out.pushRoute(factory.createAddress(hop.trim()));
            }
        }
        return out;
    }
}
