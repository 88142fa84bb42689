package org.cpmserver.protocol.fuzz;

import static org.cpmserver.protocol.fuzz.ParserContract.assertTextRoundTrip;
import static org.cpmserver.protocol.fuzz.ParserContract.parseOrRefuse;
import static org.cpmserver.protocol.fuzz.ParserContract.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.cpmserver.protocol.sip.SipAddress;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SipAddress#parse(String)} on arbitrary text; its refusal is an IllegalArgumentException
 * (as SipAddressTest expects). An accepted address is canonical: its URI reads back equal.
 */
class SipAddressFuzzTest {

    @Timeout(value = FuzzBudget.HANG_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    @FuzzTest(maxDuration = FuzzBudget.HEADER)
    void parse(byte[] input) {
        SipAddress address = parseOrRefuse(() -> SipAddress.parse(text(input)), IllegalArgumentException.class);
        if (address != null) {
            assertTextRoundTrip(address, SipAddress::uri, SipAddress::parse);
        }
    }
}
