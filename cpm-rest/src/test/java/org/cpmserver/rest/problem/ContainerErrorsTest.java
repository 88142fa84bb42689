package org.cpmserver.rest.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ContainerErrorsTest {

    @Test
    void wellFormedQueriesDecode() {
        assertTrue(ContainerErrors.decodes(null));
        assertTrue(ContainerErrors.decodes("offset=0&limit=50"));
        assertTrue(ContainerErrors.decodes("ids=a%2Cb,c+d"));
        assertTrue(ContainerErrors.decodes("q=%C3%A9"));
    }

    @Test
    void malformedPercentEncodingDoesNot() {
        assertFalse(ContainerErrors.decodes("limit=%ZZ"));
        assertFalse(ContainerErrors.decodes("limit=5%"));
        assertFalse(ContainerErrors.decodes("limit=%4"));
    }

    @Test
    void theContainersOwnErrorsSayWhatWentWrongNotJustTheStatus() {
        assertTrue(ContainerErrors.usualDetail(405, "PATCH", "HTTP 405 Method Not Allowed").startsWith("PATCH is not allowed here"));
        assertTrue(ContainerErrors.usualDetail(405, null, "HTTP 405 Method Not Allowed").contains("Allow"));
        assertEquals("no resource at this path", ContainerErrors.usualDetail(404, "GET", "HTTP 404 Not Found"));
        assertTrue(ContainerErrors.usualDetail(415, "POST", "HTTP 415").contains("Content-Type"));
        assertTrue(ContainerErrors.usualDetail(406, "GET", "HTTP 406").contains("Accept"));
    }

    @Test
    void anyOtherStatusKeepsTheDetailItWasRaisedWith() {
        assertEquals("uri: at most 255 characters", ContainerErrors.usualDetail(400, "POST", "uri: at most 255 characters"));
    }

    @Test
    void titlesAreTheReasonPhrasesJaxRsUses() {
        assertEquals("Unsupported Media Type", ContainerErrors.title(415));
        assertEquals("Client Error", ContainerErrors.title(422));
        assertEquals("Server Error", ContainerErrors.title(599));
    }
}
