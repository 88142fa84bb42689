package org.cpmserver.rest.server;

import java.util.List;
import javax.enterprise.context.RequestScoped;
import javax.inject.Inject;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import org.cpmserver.config.CpmSettings;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** What an operator checks first: which domains and listeners this node serves. */
@Path("/server/v1/info")
@RequestScoped
public class ServerInfoResource {

    @Inject
    CpmSettings settings;

    /** The body of {@code GET /server/v1/info}. */
    public static class ServerInfo {
        public String product = "CPM Conversation Server";
        public String version;
        public List<String> sipDomains;
        public List<String> sipListeners;
        public String brokerMode;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Served SIP domains, SIP listeners and broker mode of this node")
    public ServerInfo info() {
        ServerInfo info = new ServerInfo();
        info.version = ServerInfoResource.class.getPackage().getImplementationVersion();
        info.sipDomains = settings.sipDomains();
        info.sipListeners = List.of("udp:" + settings.sipHost() + ":" + settings.sipUdpPort(),
                "tcp:" + settings.sipHost() + ":" + settings.sipTcpPort());
        info.brokerMode = settings.brokerEmbedded() ? "embedded" : "external";
        return info;
    }
}
