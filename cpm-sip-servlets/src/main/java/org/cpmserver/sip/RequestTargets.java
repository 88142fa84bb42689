package org.cpmserver.sip;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import javax.servlet.sip.SipURI;
import javax.servlet.sip.URI;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.deferred.DeferredMessaging;
import org.cpmserver.protocol.sip.SipAddress;

/**
 * Decides what a Request-URI names: a user of a served domain, one of the server's service
 * addresses (deferred messaging, the conference factory), the server itself (a served domain
 * without a user, its host name or one of its own IP addresses), or something not ours. The one
 * place that knows the server's addresses. No DNS look-up happens here: the signalling thread must
 * never block on a resolver.
 */
@ApplicationScoped
public class RequestTargets {

    @Inject
    CpmSettings settings;

    @Inject
    DeferredMessaging deferred;

    /** What {@code requestUri} names. */
    public RequestTarget classify(URI requestUri) {
        if (!isServed(requestUri)) {
            return RequestTarget.FOREIGN;
        }
        SipURI uri = (SipURI) requestUri;
        String user = uri.getUser();
        if (user == null || user.isEmpty() || !settings.servesDomain(uri.getHost())) {
            return RequestTarget.SERVER;
        }
        SipAddress address;
        try {
            address = SipAddress.parse(uri.toString());
        } catch (IllegalArgumentException notAUser) {
            return RequestTarget.USER; // the use case refuses it with its own words
        }
        if (deferred.isServiceAddress(address)) {
            return RequestTarget.DEFERRED_SERVICE;
        }
        if (address.user().equals(settings.conferenceFactoryUser())) {
            return RequestTarget.CONFERENCE_FACTORY;
        }
        return RequestTarget.USER;
    }

    public boolean isServed(URI requestUri) {
        if (!(requestUri instanceof SipURI)) {
            return false;
        }
        String host = ((SipURI) requestUri).getHost().toLowerCase(Locale.ROOT);
        return settings.servesDomain(host) || host.equals(settings.sipHost()) || isOwnAddressLiteral(host);
    }

    private static boolean isOwnAddressLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!isIpLiteral(literal)) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(literal); // a literal: parsed, not resolved
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    static boolean isIpLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
