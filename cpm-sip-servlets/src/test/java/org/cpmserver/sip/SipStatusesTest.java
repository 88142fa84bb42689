package org.cpmserver.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cpmserver.delivery.DeviceAnswer;
import org.cpmserver.message.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SipStatusesTest {

    @ParameterizedTest
    @CsvSource({"200, ACCEPTED", "202, ACCEPTED", "408, UNREACHABLE", "480, UNREACHABLE", "486, UNREACHABLE",
        "503, UNREACHABLE", "407, UNREACHABLE", "404, UNREACHABLE", "0, UNREACHABLE", "415, REFUSED", "413, REFUSED",
        "488, REFUSED", "606, REFUSED", "603, REFUSED", "403, REFUSED", "600, REFUSED"})
    void aDevicesAnswerInTheFunctionsWords(int status, DeviceAnswer.Kind kind) {
        DeviceAnswer answer = SipStatuses.answer(status, "phrase");
        assertEquals(kind, answer.kind());
        assertEquals(status, answer.protocolStatus());
    }

    @Test
    void aRefusalOfTheDeviceKeepsItsMeaning() {
        assertEquals(Refusal.Reason.CONTENT_NOT_ACCEPTED, SipStatuses.answer(415, "x").refusal().reason());
        assertEquals(Refusal.Reason.DECLINED, SipStatuses.answer(603, "x").refusal().reason());
        assertEquals(Refusal.Reason.NOT_ACCEPTABLE, SipStatuses.answer(606, null).refusal().reason());
    }

    @ParameterizedTest
    @CsvSource({"DOMAIN_NOT_SERVED, 404", "NO_SUCH_USER, 404", "BLOCKED, 403", "CONTENT_NOT_ACCEPTED, 415", "TOO_LARGE, 413",
        "NO_CAPABLE_DEVICE, 480", "RECIPIENT_UNAVAILABLE, 480", "NO_RECIPIENT_AVAILABLE, 480", "NOT_ACCEPTABLE, 488",
        "DECLINED, 603", "DEVICE_REFUSED, 403", "NOT_RECORDED, 503"})
    void everyRefusalHasItsStatus(Refusal.Reason reason, int status) {
        assertEquals(status, SipStatuses.status(Refusal.of(reason, "why")));
    }

    @Test
    void everyReasonIsMapped() {
        for (Refusal.Reason reason : Refusal.Reason.values()) {
            int status = SipStatuses.status(Refusal.of(reason, "why"));
            assertEquals(true, status >= 400 && status < 700, reason + " -> " + status);
            assertEquals(false, SipStatuses.standardPhrase(status).equals("Error"), reason + " has a phrase");
        }
    }
}
