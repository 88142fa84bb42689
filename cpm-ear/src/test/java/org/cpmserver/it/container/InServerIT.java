package org.cpmserver.it.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import javax.annotation.Resource;
import javax.sql.DataSource;
import javax.inject.Inject;
import javax.jms.ConnectionFactory;
import javax.jms.JMSConsumer;
import javax.jms.JMSContext;
import javax.jms.Queue;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import javax.transaction.UserTransaction;
import org.cpmserver.config.CpmSettings;
import org.cpmserver.health.ComponentProbes;
import org.cpmserver.journal.JournalEntry;
import org.cpmserver.message.CpmMessage;
import org.cpmserver.message.DispositionReport;
import org.cpmserver.protocol.cpm.ContributionId;
import org.cpmserver.protocol.cpm.ConversationId;
import org.cpmserver.protocol.imdn.ImdnMessageId;
import org.cpmserver.protocol.sip.SipAddress;
import org.cpmserver.journal.MessageJournal;
import org.cpmserver.jpa.subscriber.Subscriber;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.Testable;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs inside Liberty, in the real EAR: the build's modules plus a test.war that holds this
 * class, marked as the archive Arquillian enriches. It proves the stack of
 * ARCHITECTURE.md §2 end to end: Hibernate as the JPA provider on the configured data source,
 * Artemis through its resource adapter, and MicroProfile Config reading the server's variables.
 */
@ExtendWith(ArquillianExtension.class)
class InServerIT {

    @Deployment
    static EnterpriseArchive deployment() {
        // Rebuild the real EAR from the build's exploded copy, so that every module is an archive
        // Arquillian can search for the test class.
        File exploded = new File(System.getProperty("cpm.ear.exploded"));
        EnterpriseArchive ear = ShrinkWrap.create(EnterpriseArchive.class, "cpm.ear");
        ear.addAsModule(ShrinkWrap.createFromZipFile(JavaArchive.class, new File(exploded, "cpm-ejb.jar")));
        ear.addAsModule(ShrinkWrap.createFromZipFile(WebArchive.class, new File(exploded, "cpm-sip-servlets.war")));
        ear.addAsModule(ShrinkWrap.createFromZipFile(WebArchive.class, new File(exploded, "cpm-rest.war")));
        for (File lib : new File(exploded, "lib").listFiles()) {
            ear.addAsLibrary(ShrinkWrap.createFromZipFile(JavaArchive.class, lib));
        }
        ear.addAsModule(Testable.archiveToTest(ShrinkWrap.create(WebArchive.class, "test.war")
                .addClass(InServerIT.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml")));
        ear.setApplicationXML(new StringAsset("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<application xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"8\">\n"
                + "  <display-name>cpm</display-name>\n"
                + "  <module><ejb>cpm-ejb.jar</ejb></module>\n"
                + "  <module><web><web-uri>cpm-sip-servlets.war</web-uri><context-root>/sip</context-root></web></module>\n"
                + "  <module><web><web-uri>cpm-rest.war</web-uri><context-root>/</context-root></web></module>\n"
                + "  <module><web><web-uri>test.war</web-uri><context-root>/test</context-root></web></module>\n"
                + "  <library-directory>lib</library-directory>\n"
                + "</application>\n"));
        return ear;
    }

    @PersistenceContext(unitName = "cpm")
    EntityManager em;

    @Resource
    UserTransaction tx;

    @Resource(lookup = "jms/cpm")
    ConnectionFactory connectionFactory;

    @Inject
    CpmSettings settings;

    @Inject
    ComponentProbes probes;

    @Test
    void hibernateIsTheProviderAndEntitiesRoundTrip() throws Exception {
        assertTrue(em.getDelegate().getClass().getName().startsWith("org.hibernate."),
                "JPA provider: " + em.getDelegate().getClass().getName());
        String uri = "sip:arq-" + UUID.randomUUID() + "@localhost";
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        tx.begin();
        em.persist(new Subscriber(uri, "Arquillian", "localhost", "0".repeat(32), "0".repeat(64), created));
        tx.commit();
        em.clear();

        Subscriber found = em.find(Subscriber.class, uri);
        assertNotNull(found);
        assertEquals("Arquillian", found.displayName());
        assertEquals(created, found.createdAt());

        tx.begin();
        em.remove(em.find(Subscriber.class, uri));
        tx.commit();
        assertNull(em.find(Subscriber.class, uri));
    }

    @Test
    void jmsRoundTripsThroughTheResourceAdapterAndTheBroker() {
        String body = "ping-" + UUID.randomUUID();
        try (JMSContext context = connectionFactory.createContext()) {
            Queue queue = context.createQueue("cpm.test.roundtrip");
            context.createProducer().send(queue, body);
            try (JMSConsumer consumer = context.createConsumer(queue)) {
                context.start();
                assertEquals(body, consumer.receiveBody(String.class, 10_000));
            }
        }
    }

    @Test
    void settingsComeFromTheServerVariables() {
        // src/test/liberty/arquillian-overrides.xml sets these for this server
        assertEquals(25060, settings.sipUdpPort());
        assertEquals(25060, settings.sipTcpPort());
        assertEquals(26616, settings.brokerPort());
        assertEquals("localhost", settings.sipDomains().get(0));
    }

    @Inject
    MessageJournal journal;

    @Test
    void theJournalCommitsMessagesAndLetsOneReportPerRecipientThrough() throws Exception {
        String imdnId = "arq-" + UUID.randomUUID();
        CpmMessage message = new CpmMessage(SipAddress.parse("sip:alice@localhost"), ConversationId.parse("conv"),
                ContributionId.parse("contrib"), null, ImdnMessageId.parse(imdnId), "message/cpim", "text/plain",
                "hi".getBytes(StandardCharsets.UTF_8), null, Instant.now(), "call-1");
        journal.record(new JournalEntry.Message(UUID.randomUUID().toString(), SipAddress.parse("sip:bob@localhost"), message))
                .get(10, TimeUnit.SECONDS);
        long rows = (Long) em.createQuery("select count(m) from MessageRecord m where m.imdnMessageId = :id")
                .setParameter("id", imdnId).getSingleResult();
        assertEquals(1, rows);

        JournalEntry.ReportClaim delivered = new JournalEntry.ReportClaim(imdnId, "sip:bob@localhost", "sip:alice@localhost",
                DispositionReport.Kind.DELIVERY);
        assertTrue(journal.claim(delivered).get(10, TimeUnit.SECONDS), "the first delivery report goes through");
        assertFalse(journal.claim(delivered).get(10, TimeUnit.SECONDS), "a second device's delivery report is collapsed");
        assertTrue(journal.claim(new JournalEntry.ReportClaim(imdnId, "sip:bob@localhost", "sip:alice@localhost",
                DispositionReport.Kind.DISPLAY)).get(10, TimeUnit.SECONDS), "display is its own kind");
        assertTrue(journal.claim(new JournalEntry.ReportClaim("never-recorded-" + UUID.randomUUID(), "sip:bob@localhost",
                "sip:alice@localhost", DispositionReport.Kind.DELIVERY)).get(10, TimeUnit.SECONDS),
                "a report on a message this server never saw is forwarded");
        assertTrue(journal.claim(new JournalEntry.ReportClaim(imdnId, "sip:mallory@localhost", "sip:alice@localhost",
                DispositionReport.Kind.DISPLAY)).get(10, TimeUnit.SECONDS),
                "another reporter does not use up bob's claim");
    }

    @Test
    void everyComponentProbeIsUp() {
        assertTrue(probes.database().up(), () -> "database: " + probes.database().data());
        assertTrue(probes.broker().up(), () -> "broker: " + probes.broker().data());
        assertTrue(probes.sipListeners().up(), () -> "sip: " + probes.sipListeners().data());
        assertTrue(probes.schema().up(), () -> "schema: " + probes.schema().data());
    }

    @Resource(lookup = "jdbc/cpm")
    DataSource dataSource;

    /**
     * This server's database is new with each build (the build recreates the server directory):
     * Flyway built its whole schema by running V1, not by baselining a schema hbm2ddl left.
     */
    @Test
    void aFreshDatabaseGetsItsSchemaFromTheMigrations() throws Exception {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("select \"version\", \"type\", \"success\" from \""
                        + org.cpmserver.schema.SchemaMigrations.HISTORY_TABLE + "\" order by \"installed_rank\"")) {
            assertTrue(rs.next(), "no row in the Flyway history");
            assertEquals("1", rs.getString(1));
            assertEquals("SQL", rs.getString(2), "V1 ran (a BASELINE row would mean an hbm2ddl schema was there)");
            assertTrue(rs.getBoolean(3));
            String[] later = {"the event outbox", "the journal's indexes", "the deferred store's usage index"};
            for (int i = 0; i < later.length; i++) {
                int version = i + 2;
                assertTrue(rs.next(), "V" + version + " (" + later[i] + ") after V" + (version - 1));
                assertEquals(Integer.toString(version), rs.getString(1));
                assertEquals("SQL", rs.getString(2));
                assertTrue(rs.getBoolean(3));
            }
            assertFalse(rs.next(), "only V1 to V4 so far");
        }
        tx.begin();
        try {
            assertEquals(0L, em.createQuery("select count(d) from DeferredRecord d where d.recipient = 'sip:nobody@localhost'")
                    .getSingleResult());
        } finally {
            tx.rollback();
        }
    }
}
