package org.cpmserver.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.annotation.PostConstruct;
import javax.enterprise.context.ApplicationScoped;
import javax.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The server's settings, read once through MicroProfile Config. Every name here is also a
 * Liberty variable with its documented default in {@code server.xml}, and an environment
 * variable (upper case, '.' as '_'): {@code cpm.sip.domains} is {@code CPM_SIP_DOMAINS}.
 * See docs/configuration.md.
 */
@ApplicationScoped
public class CpmSettings {

    @Inject
    @ConfigProperty(name = "cpm.sip.host", defaultValue = "127.0.0.1")
    String sipHost;

    @Inject
    @ConfigProperty(name = "cpm.sip.udp.port", defaultValue = "5060")
    int sipUdpPort;

    @Inject
    @ConfigProperty(name = "cpm.sip.tcp.port", defaultValue = "5060")
    int sipTcpPort;

    @Inject
    @ConfigProperty(name = "cpm.sip.domains", defaultValue = "localhost")
    String sipDomains;

    @Inject
    @ConfigProperty(name = "cpm.data.dir", defaultValue = "data")
    String dataDir;

    @Inject
    @ConfigProperty(name = "cpm.broker.embedded", defaultValue = "true")
    boolean brokerEmbedded;

    @Inject
    @ConfigProperty(name = "cpm.broker.host", defaultValue = "127.0.0.1")
    String brokerHost;

    @Inject
    @ConfigProperty(name = "cpm.broker.port", defaultValue = "61616")
    int brokerPort;

    /** {@code standalone}: the server is registrar and authenticates users; {@code ims}: an S-CSCF does, and asserts identities. */
    @Inject
    @ConfigProperty(name = "cpm.mode", defaultValue = "standalone")
    String mode;

    /** IMS mode: the S-CSCF addresses ({@code ip} or {@code ip:port}) whose requests and assertions are trusted. */
    @Inject
    @ConfigProperty(name = "cpm.ims.trusted-hosts", defaultValue = " ")
    String trustedHosts;

    /**
     * The user part of the conference factory URI ({@code sip:conference-factory@<domain>}), as
     * RCS clients are provisioned with it; the Controlling Function serves it.
     */
    @Inject
    @ConfigProperty(name = "cpm.conference.factory-user", defaultValue = "conference-factory")
    String conferenceFactoryUser;

    private List<String> domains;
    private List<String> trusted;

    @PostConstruct
    void validate() {
        domains = Arrays.stream(sipDomains.split(","))
                .map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty())
                .distinct()
                .collect(Collectors.toUnmodifiableList());
        if (domains.isEmpty()) {
            throw new IllegalStateException("cpm.sip.domains must name at least one SIP domain");
        }
        if (!mode.equals("standalone") && !mode.equals("ims")) {
            throw new IllegalStateException("cpm.mode must be standalone or ims, not " + mode);
        }
        trusted = Arrays.stream(trustedHosts.split(",")).map(String::trim).filter(h -> !h.isEmpty())
                .collect(Collectors.toUnmodifiableList());
        if (imsMode() && trusted.isEmpty()) {
            throw new IllegalStateException("cpm.mode=ims needs cpm.ims.trusted-hosts (the S-CSCF addresses)");
        }
        requirePort("cpm.sip.udp.port", sipUdpPort);
        requirePort("cpm.sip.tcp.port", sipTcpPort);
        requirePort("cpm.broker.port", brokerPort);
    }

    private static void requirePort(String name, int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalStateException(name + " must be a port number between 1 and 65535, not " + port);
        }
    }

    public String sipHost() {
        return sipHost;
    }

    /**
     * Where this node reaches its own SIP listeners (the readiness probe, the start-up warm-up):
     * the loopback address when they bind every interface, else the address they bind.
     */
    public java.net.InetAddress ownSipAddress() throws java.net.UnknownHostException {
        if (sipHost.equals("*") || sipHost.equals("0.0.0.0") || sipHost.equals("::")) {
            return java.net.InetAddress.getLoopbackAddress();
        }
        return java.net.InetAddress.getByName(sipHost);
    }

    public int sipUdpPort() {
        return sipUdpPort;
    }

    public int sipTcpPort() {
        return sipTcpPort;
    }

    /** The SIP domains this server serves, lower case; the first is the primary one. */
    public List<String> sipDomains() {
        return domains;
    }

    public String conferenceFactoryUser() {
        return conferenceFactoryUser;
    }

    public boolean servesDomain(String host) {
        return host != null && domains.contains(host.toLowerCase(Locale.ROOT));
    }

    /** Whether an S-CSCF in front authenticates users (IMS Application Server mode). */
    public boolean imsMode() {
        return mode.equals("ims");
    }

    /**
     * Whether a request from this source may assert identities: its address is listed, alone or
     * with this port. (Over TCP a peer's source port is ephemeral: list S-CSCFs by address.)
     */
    public boolean isTrustedSource(String address, int port) {
        return trusted.contains(address) || trusted.contains(address + ":" + port);
    }

    public List<String> trustedHosts() {
        return trusted;
    }

    public Path dataDir() {
        return Path.of(dataDir).toAbsolutePath();
    }

    public boolean brokerEmbedded() {
        return brokerEmbedded;
    }

    public String brokerHost() {
        return brokerHost;
    }

    public int brokerPort() {
        return brokerPort;
    }
}
