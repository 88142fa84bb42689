package org.cpmserver.protocol.conference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.cpmserver.protocol.ProtocolException;
import org.cpmserver.protocol.conference.ConferenceInfo.Description;
import org.cpmserver.protocol.conference.ConferenceInfo.Endpoint;
import org.cpmserver.protocol.conference.ConferenceInfo.EndpointStatus;
import org.cpmserver.protocol.conference.ConferenceInfo.MediaStream;
import org.cpmserver.protocol.conference.ConferenceInfo.State;
import org.cpmserver.protocol.conference.ConferenceInfo.User;
import org.junit.jupiter.api.Test;

class ConferenceInfoXmlTest {

    private static final String NS = "xmlns=\"urn:ietf:params:xml:ns:conference-info\"";

    private static ConferenceInfo parse(String xml) {
        return ConferenceInfoXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(String xml) {
        return assertThrows(ProtocolException.class, () -> parse(xml)).reason();
    }

    private static ConferenceInfo sample() {
        Endpoint device = new Endpoint("sip:dave@192.0.2.8;gr=urn:uuid:9", State.FULL, Optional.of("Dave's phone"),
                Optional.of(EndpointStatus.MUTED_VIA_FOCUS), Optional.of("focus-owner"), Optional.empty(),
                List.of(new MediaStream("msrp1", Optional.of("message"), Optional.of("recvonly"))));
        User dave = new User("sip:dave@example.org", State.FULL, Optional.of("Dave & Co <ops>"), List.of("chairman"), List.of(device));
        User erin = new User("sip:erin@example.org", State.DELETED, Optional.empty(), List.of(), List.of());
        return new ConferenceInfo("sip:grp-8@conf.example.org", State.FULL, 12,
                Optional.of(new Description(Optional.empty(), Optional.of("Ops \"night\" shift"), OptionalLong.of(20))),
                List.of(dave, erin));
    }

    @Test
    void writesTheDocumentedLayout() {
        String xml = new String(ConferenceInfoXml.write(sample()), StandardCharsets.UTF_8);
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<conference-info " + NS + " entity=\"sip:grp-8@conf.example.org\" state=\"full\" version=\"12\">\n"
                + "  <conference-description>\n"
                + "    <subject>Ops \"night\" shift</subject>\n"
                + "    <maximum-user-count>20</maximum-user-count>\n"
                + "  </conference-description>\n"
                + "  <users>\n"
                + "    <user entity=\"sip:dave@example.org\" state=\"full\">\n"
                + "      <display-text>Dave &amp; Co &lt;ops&gt;</display-text>\n"
                + "      <roles>\n"
                + "        <entry>chairman</entry>\n"
                + "      </roles>\n"
                + "      <endpoint entity=\"sip:dave@192.0.2.8;gr=urn:uuid:9\" state=\"full\">\n"
                + "        <display-text>Dave's phone</display-text>\n"
                + "        <status>muted-via-focus</status>\n"
                + "        <joining-method>focus-owner</joining-method>\n"
                + "        <media id=\"msrp1\">\n"
                + "          <type>message</type>\n"
                + "          <status>recvonly</status>\n"
                + "        </media>\n"
                + "      </endpoint>\n"
                + "    </user>\n"
                + "    <user entity=\"sip:erin@example.org\" state=\"deleted\">\n"
                + "    </user>\n"
                + "  </users>\n"
                + "</conference-info>\n", xml);
    }

    @Test
    void roundTrips() {
        ConferenceInfo info = sample();
        assertEquals(info, ConferenceInfoXml.parse(ConferenceInfoXml.write(info)));
        ConferenceInfo bare = new ConferenceInfo("sip:c@h", State.PARTIAL, 0, Optional.empty(), List.of());
        assertEquals(bare, ConferenceInfoXml.parse(ConferenceInfoXml.write(bare)));
    }

    @Test
    void readsAPartialUpdateWithDefaultsAndSkipsExtensions() {
        ConferenceInfo info = parse("<conference-info " + NS + " xmlns:e='urn:example:e' entity='sip:c@h' state='partial' version='9' e:a='1'>"
                + "<e:note>x</e:note><conference-state><active>true</active></conference-state>"
                + "<users><e:thing/><user entity='sip:bob@h' e:b='2'><associated-aors/><endpoint entity='sip:bob@d'>"
                + "<status>dialing-out</status><call-info><sip><call-id>1</call-id></sip></call-info>"
                + "<disconnection-method>busy</disconnection-method></endpoint></user></users></conference-info>");
        assertEquals(State.PARTIAL, info.state());
        assertEquals(9, info.version());
        User bob = info.user("sip:bob@h").orElseThrow();
        assertEquals(State.FULL, bob.state());
        Endpoint e = bob.endpoints().get(0);
        assertEquals(State.FULL, e.state());
        assertEquals(Optional.of(EndpointStatus.DIALING_OUT), e.status());
        assertEquals(Optional.of("busy"), e.disconnectionMethod());
        assertEquals(Optional.empty(), info.description());
    }

    @Test
    void everyEndpointStatusReadsBack() {
        for (EndpointStatus s : EndpointStatus.values()) {
            ConferenceInfo info = parse("<conference-info " + NS + " entity='sip:c@h' version='1'><users><user entity='sip:a@h'>"
                    + "<endpoint entity='sip:a@d'><status>" + s.xml() + "</status></endpoint></user></users></conference-info>");
            assertEquals(Optional.of(s), info.users().get(0).endpoints().get(0).status());
        }
    }

    @Test
    void refusesXxeAndMalformedDocuments() {
        assertEquals("Bad conference-info: DOCTYPE is not allowed",
                reason("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/hosts'>]><conference-info " + NS
                        + " entity='sip:c@h' version='1'><conference-description><subject>&e;</subject></conference-description></conference-info>"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='1'>").contains("not well-formed"));
        assertTrue(reason("<conference-info entity='sip:c@h' version='1'/>").contains("expected <conference-info>"));
    }

    @Test
    void refusesBadValues() {
        assertEquals("Bad conference-info: missing version", reason("<conference-info " + NS + " entity='sip:c@h'/>"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='4294967296'/>").contains("version"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='-1'/>").contains("version"));
        assertTrue(reason("<conference-info " + NS + " entity='not a uri' version='1'/>").contains("conference entity"));
        assertTrue(reason("<conference-info " + NS + " version='1'/>").contains("conference entity"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='1' state='gone'/>").contains("state"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='1'><users><user entity='sip:a@h'>"
                + "<endpoint entity='sip:a@d'><status>asleep</status></endpoint></user></users></conference-info>").contains("asleep"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='1'><users><user/></users></conference-info>")
                .contains("user entity"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='1'><conference-description><subject>a</subject>"
                + "<subject>b</subject></conference-description></conference-info>").contains("more than one <subject>"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='1'><users><user entity='sip:a@h'><endpoint entity='sip:a@d'>"
                + "<media><type>message</type></media></endpoint></user></users></conference-info>").contains("<media> without an id"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='1'><users><user entity='sip:a@h'><endpoint entity='sip:a@d'>"
                + "<media id='1'><status>loud</status></media></endpoint></user></users></conference-info>").contains("media status"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='1'><users><user entity='sip:a@h'><roles><entry> </entry>"
                + "</roles></user></users></conference-info>").contains("role"));
        assertTrue(reason("<conference-info " + NS + " entity='sip:c@h' version='1'><users/><users/></conference-info>")
                .contains("more than one <users>"));
    }

    @Test
    void boundsTheNumberOfUsersAndEndpoints() {
        StringBuilder xml = new StringBuilder("<conference-info " + NS + " entity='sip:c@h' version='1'><users>");
        for (int i = 0; i <= ConferenceInfo.MAX_USERS; i++) {
            xml.append("<user entity='sip:u").append(i).append("@h'/>");
        }
        assertTrue(reason(xml.append("</users></conference-info>").toString()).contains("more than " + ConferenceInfo.MAX_USERS + " users"));
        StringBuilder eps = new StringBuilder("<conference-info " + NS + " entity='sip:c@h' version='1'><users><user entity='sip:a@h'>");
        for (int i = 0; i <= ConferenceInfo.MAX_ITEMS; i++) {
            eps.append("<endpoint entity='sip:a@d").append(i).append("'/>");
        }
        assertTrue(reason(eps.append("</user></users></conference-info>").toString()).contains("endpoints"));
    }
}
