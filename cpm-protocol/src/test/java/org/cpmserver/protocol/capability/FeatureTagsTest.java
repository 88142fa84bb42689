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
}
