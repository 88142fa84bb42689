package org.cpmserver.protocol.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeatureTagsTest {

    @Test
    void writesPercentEncodedQuotedListInStableOrder() {
        String value = FeatureTags.icsiRefValue(List.of(CpmIcsi.LARGE_MESSAGE, CpmIcsi.MESSAGE));
        assertEquals("\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg,"
                + "urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.largemsg\"", value);
    }

    @Test
    void roundTripsEveryService() {
        Set<CpmIcsi> all = EnumSet.allOf(CpmIcsi.class);
        assertEquals(all, FeatureTags.parseIcsiRef(FeatureTags.icsiRefValue(all)));
    }

    @Test
    void readsWhatRealClientsSendIgnoringOtherServices() {
        String fromDevice = "\"urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel,urn%3aurn-7%3a3gpp-service.ims.icsi.oma.cpm.session\"";
        assertEquals(Set.of(CpmIcsi.SESSION), FeatureTags.parseIcsiRef(fromDevice));
    }

    @Test
    void acceptsAnUnquotedSingleValue() {
        assertEquals(Set.of(CpmIcsi.DEFERRED),
                FeatureTags.parseIcsiRef("urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.deferred"));
    }

    @Test
    void rejectsMalformedValues() {
        assertThrows(IllegalArgumentException.class, () -> FeatureTags.parseIcsiRef("\"urn%3Aurn-7"));
        assertThrows(IllegalArgumentException.class, () -> FeatureTags.parseIcsiRef("\"urn%3\""));
        assertThrows(IllegalArgumentException.class, () -> FeatureTags.parseIcsiRef("\"urn%ZZx\""));
        assertThrows(IllegalArgumentException.class, () -> FeatureTags.parseIcsiRef("\"a,,b\""));
        assertThrows(IllegalArgumentException.class, () -> FeatureTags.parseIcsiRef("\"a b\""));
        assertThrows(IllegalArgumentException.class, () -> FeatureTags.icsiRefValue(List.of()));
    }

    @Test
    void urnLookupIsCaseInsensitive() {
        assertTrue(CpmIcsi.fromUrn("URN:urn-7:3gpp-service.ims.icsi.oma.cpm.msg").isPresent());
        assertTrue(CpmIcsi.fromUrn("urn:urn-7:3gpp-service.ims.icsi.mmtel").isEmpty());
    }

    @Test
    void findsTheServicesDeclaredInHeaderParameters() {
        String contact = "<sip:bob@127.0.0.1:5070>;+sip.instance=\"<urn:uuid:1>\";"
                + "+g.3gpp.icsi-ref=\"urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.msg,urn%3Aurn-7%3A3gpp-service.ims.icsi.mmtel\";expires=600";
        assertEquals(Set.of(CpmIcsi.MESSAGE), FeatureTags.servicesDeclaredIn(contact));
        assertEquals(Set.of(CpmIcsi.DEFERRED),
                FeatureTags.servicesDeclaredIn("*;+G.3GPP.ICSI-REF=urn%3Aurn-7%3A3gpp-service.ims.icsi.oma.cpm.deferred;require;explicit"));
        assertTrue(FeatureTags.servicesDeclaredIn("+g.3gpp.icsi-ref=\"urn%ZZ\"").isEmpty(), "malformed declares nothing");
        assertTrue(FeatureTags.servicesDeclaredIn(null).isEmpty());
        assertTrue(FeatureTags.servicesDeclaredIn("audio;video").isEmpty());
    }
}
