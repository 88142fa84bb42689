package org.cpmserver.sip;

import javax.servlet.sip.SipServletResponse;

/**
 * Receives the responses to a request the server sent on its own (B2BUA leg). The request
 * carries its handler as an attribute; the main servlet hands each response over.
 */
public interface ResponseHandler {

    String ATTRIBUTE = ResponseHandler.class.getName();

    void onResponse(SipServletResponse response);
}
