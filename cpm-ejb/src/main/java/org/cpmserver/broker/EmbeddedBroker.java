package org.cpmserver.broker;

import java.nio.file.Path;
import java.util.logging.Logger;
import javax.annotation.PostConstruct;
import javax.annotation.PreDestroy;
import javax.ejb.ConcurrencyManagement;
import javax.ejb.ConcurrencyManagementType;
import javax.ejb.Singleton;
import javax.ejb.Startup;
import javax.inject.Inject;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyAcceptorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.cpmserver.config.CpmSettings;

/**
 * The Artemis broker of standalone mode, listening on loopback only, with its journal in the data
 * directory so that queued work survives a restart. In production ({@code cpm.broker.embedded=false})
 * the server uses an external broker or cluster through the same resource adapter, and this bean
 * does nothing.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class EmbeddedBroker {

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());

    @Inject
    CpmSettings settings;

    private volatile EmbeddedActiveMQ broker;

    @PostConstruct
    void start() {
        if (!settings.brokerEmbedded()) {
            LOG.info("cpm.broker.embedded=false: using the external broker at "
                    + settings.brokerHost() + ":" + settings.brokerPort());
            return;
        }
        Path home = settings.dataDir().resolve("broker");
        Configuration config = new ConfigurationImpl()
                .setName("cpm-embedded")
                .setPersistenceEnabled(true)
                .setSecurityEnabled(false)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(home.resolve("journal").toString())
                .setBindingsDirectory(home.resolve("bindings").toString())
                .setLargeMessagesDirectory(home.resolve("large-messages").toString())
                .setPagingDirectory(home.resolve("paging").toString())
                .setJMXManagementEnabled(false);
        config.addAcceptorConfiguration(new TransportConfiguration(NettyAcceptorFactory.class.getName(),
                java.util.Map.of(TransportConstants.HOST_PROP_NAME, settings.brokerHost(),
                        TransportConstants.PORT_PROP_NAME, settings.brokerPort()),
                "cpm-acceptor"));
        EmbeddedActiveMQ embedded = new EmbeddedActiveMQ().setConfiguration(config);
        try {
            embedded.start();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded broker could not start on "
                    + settings.brokerHost() + ":" + settings.brokerPort() + " with data in " + home, e);
        }
        broker = embedded;
        LOG.info("embedded Artemis broker listening on " + settings.brokerHost() + ":" + settings.brokerPort()
                + ", journal in " + home);
    }

    /** True when this node runs the broker itself and it is serving. */
    public boolean isEmbeddedAndActive() {
        EmbeddedActiveMQ b = broker;
        return b != null && b.getActiveMQServer().isActive();
    }

    @PreDestroy
    void stop() {
        EmbeddedActiveMQ b = broker;
        broker = null;
        if (b != null) {
            try {
                b.stop();
            } catch (Exception e) {
                LOG.warning("embedded broker did not stop cleanly: " + e);
            }
        }
    }
}
